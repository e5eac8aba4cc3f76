// Her value class (RFM: 高价值 / 中价值 / 低价值 / 流失风险 / 已流失) as a chip on her profile,
// as the core set it last night. Nothing when she has no class yet (no visit) or it cannot be
// read (the browser preview has no such command): a chip is a hint, never a reason to fail.
import { useEffect, useState } from "preact/hooks";
import type { RfmClass } from "../lib/backend/bindings";
import { memberRfm } from "../lib/backend/commands-segments";
import { useI18n } from "../lib/i18n";
import "../styles/segments.css";

export function RfmChip(props: { value: RfmClass; testId?: string }) {
  const { t } = useI18n();
  return (
    <span class={`pill rfm rfm-${props.value}`} data-testid={props.testId} data-rfm={props.value}
      title={t("segments.rfm.hint")}>
      {t(`segments.rfm.${props.value}`)}
    </span>
  );
}

export function MemberValue(props: { memberId: string }) {
  const [value, setValue] = useState<RfmClass | null>(null);
  useEffect(() => {
    let live = true;
    memberRfm(props.memberId).then((v) => live && setValue(v), () => live && setValue(null));
    return () => void (live = false);
  }, [props.memberId]);
  return value ? <RfmChip value={value} testId="profile-rfm" /> : null;
}
