// Encryption at rest: one function per Tauri command of src-tauri/src/commands/crypt.rs. The
// browser mock does not implement them (a rejected call): check these screens in the app.
import { listen } from "@tauri-apps/api/event";
import type { CryptProgress, CryptStatusView } from "./bindings";
import { call, hasTauriRuntime } from "./commands";

export const cryptStatus = () => call<CryptStatusView>("crypt_status");
/** The unlock screen: the owner's passphrase opens the store (`wrong_passphrase` if not hers). */
export const cryptUnlock = (passphrase: string) => call<void>("crypt_unlock", { passphrase });
/** Sets or changes the owner's passphrase wrapping the database's key (an owner, logged in). */
export const cryptSetPassphrase = (passphrase: string) => call<void>("crypt_set_passphrase", { passphrase });

/** Encrypts a plain database from before in place; `onProgress` gets the `crypt-progress` events. */
/** Encrypts a plain database from before: the owner's PIN (the backend refuses anyone else's), her new passphrase. */
export async function cryptEncrypt(pin: string, passphrase: string, onProgress: (p: CryptProgress) => void): Promise<void> {
  const unlisten = hasTauriRuntime() ? await listen<CryptProgress>("crypt-progress", (e) => onProgress(e.payload)) : null;
  try {
    await call<void>("crypt_encrypt", { pin, passphrase });
  } finally {
    unlisten?.();
  }
}

/** The shortest passphrase the backend accepts (`MIN_PASSPHRASE_CHARS`). */
export const MIN_PASSPHRASE_CHARS = 8;
