// Feedback, complaints and points (issue 17): one function per Tauri command of
// src-tauri/src/commands/feedback.rs. The browser mock does not implement them (a rejected
// call, shown as an error banner): check these screens in the app.
import type {
  ComplaintDetailView, ComplaintInputDto, ComplaintStatus, ComplaintStepInput, ComplaintView,
  ExchangeItemInputDto, ExchangeItemView, ExchangedView, FeedbackFormView, FeedbackInputDto,
  PointsEntryView, VisitFeedbackView,
} from "./bindings";
import { call } from "./commands";

/** The rating form of a visit: its beauticians and the rating so far (`validation` on
 * `saleId` when the sale is not a visit with a service). */
export const feedbackForm = (saleId: string) => call<FeedbackFormView>("feedback_form", { saleId });
export const recordFeedback = (input: FeedbackInputDto) => call<VisitFeedbackView>("record_feedback", { input });
export const memberFeedback = (memberId: string) => call<VisitFeedbackView[]>("member_feedback", { memberId });

/** Returns the new complaint's id. */
export const recordComplaint = (input: ComplaintInputDto) => call<string>("record_complaint", { input });
export const handleComplaint = (id: string, input: ComplaintStepInput) =>
  call<ComplaintDetailView>("handle_complaint", { id, input });
/** `status` null: every complaint. */
export const complaints = (status: ComplaintStatus | null) => call<ComplaintView[]>("complaints", { status });
export const complaintDetail = (id: string) => call<ComplaintDetailView>("complaint_detail", { id });
export const memberOpenComplaints = (memberId: string) =>
  call<ComplaintView[]>("member_open_complaints", { memberId });

export const pointsHistory = (memberId: string) => call<PointsEntryView[]>("points_history", { memberId });
/** Returns her new balance. */
export const adjustPoints = (memberId: string, delta: number, note: string) =>
  call<number>("adjust_points", { memberId, delta, note });
export const exchangeItems = (all: boolean) => call<ExchangeItemView[]>("exchange_items", { all });
export const saveExchangeItem = (input: ExchangeItemInputDto) => call<string>("save_exchange_item", { input });
export const exchangePoints = (memberId: string, itemId: string) =>
  call<ExchangedView>("exchange_points", { memberId, itemId });
