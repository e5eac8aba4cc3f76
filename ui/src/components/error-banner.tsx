import type { ApiError } from "../lib/backend/bindings";
import { useI18n } from "../lib/i18n";
import { AlertIcon } from "./icons";

/** An error that belongs to no single field: our text for its code, the backend's as detail. */
export function ErrorBanner(props: { error: ApiError | string; testId?: string; text?: string }) {
  const { t } = useI18n();
  const { error } = props;
  // `text` replaces the generic text for the code where the screen knows better what it means.
  const text = props.text ?? (typeof error === "string" ? error : t(`error.${error.code}`));
  const detail = typeof error === "string" || error.message === "" ? null : error.message;
  return (
    <div class="banner banner-error" role="alert" data-testid={props.testId}>
      <AlertIcon size={20} />
      <div>
        <div>{text}</div>
        {detail ? <div class="banner-detail">{t("common.detail", { message: detail })}</div> : null}
      </div>
    </div>
  );
}
