// The desk's start (issue 16): one function per Tauri command of src-tauri/src/commands/desk.rs.
// The browser mock does not implement them: callers fall back to the full command.
import type { BootInfo } from "./bindings";
import { call } from "./commands";

export const bootInfo = () => call<BootInfo>("boot_info");
