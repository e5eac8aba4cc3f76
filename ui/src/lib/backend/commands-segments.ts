// The member list (Back office → Member list), saved segments, a segment's export, the RFM
// thresholds and a member's value class: one function per Tauri command of
// src-tauri/src/commands/segments.rs. The browser mock does not implement them (a rejected call,
// shown as an error banner): check these screens in the app.
import { listen } from "@tauri-apps/api/event";
import type {
  ExportProgress, ExportResultView, RfmClass, RfmThresholds, SavedSegment, SegmentExportInput, SegmentFilter,
  SegmentPageView,
} from "./bindings";
import { call, hasTauriRuntime } from "./commands";

export const segmentCount = (filter: SegmentFilter) => call<number>("segment_count", { filter });
/** Up to `limit` members after row `after` (null: the first page). */
export const segmentPage = (filter: SegmentFilter, after: number | null, limit: number) =>
  call<SegmentPageView>("segment_page", { filter, after, limit });
export const savedSegments = () => call<SavedSegment[]>("saved_segments");
/** A new segment (`id` null) or a change to one. */
export const saveSegment = (id: string | null, name: string, filter: SegmentFilter) =>
  call<SavedSegment>("save_segment", { id, name, filter });
export const removeSegment = (id: string) => call<null>("remove_segment", { id });
export const rfmThresholds = () => call<RfmThresholds>("rfm_thresholds");
/** Saves them and re-classes every member; returns how many moved. */
export const saveRfmThresholds = (thresholds: RfmThresholds) => call<number>("save_rfm_thresholds", { thresholds });
/** Her value class (null: no visit yet). */
export const memberRfm = (id: string) => call<RfmClass | null>("member_rfm", { id });

/** The segment's members sheet into exports/, with `export-progress` events as every export. */
export async function exportSegment(input: SegmentExportInput, onProgress: (p: ExportProgress) => void): Promise<ExportResultView> {
  const unlisten = hasTauriRuntime()
    ? await listen<ExportProgress>("export-progress", (e) => onProgress(e.payload))
    : () => undefined;
  try {
    return await call<ExportResultView>("export_segment", { input });
  } finally {
    unlisten();
  }
}
