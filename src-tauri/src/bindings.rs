//! The UI's TypeScript types, generated from the wire types. The test below
//! fails when `ui/src/lib/backend/bindings.ts` is stale; run
//! `UPDATE_BINDINGS=1 cargo test -p salondesk bindings` to regenerate it.

#[cfg(test)]
mod tests {
    use crate::dto::app::{AppInfo, DemoPinView, SeedProgress};
    use crate::dto::appointment::{
        AppointmentCartLine, AppointmentCartView, AppointmentView, BookingInputDto,
        BookingServiceView, CreditedStaff, DayHoursView, DayViewDto, HistoryEntryView, MessageView,
        ReminderRunView, ReminderSettingsView, RoomInput, RoomView, StaffColumnView,
        SuggestionView, WeekDayView, WeekViewDto, WorkingHoursView,
    };
    use crate::dto::backups::{
        BackupFileView, BackupPreviewView, BackupProgressView, BackupSettingsView,
        BackupStatusView, RestoreDoneView, RestoreProgressView,
    };
    use crate::dto::campaigns::{
        AudienceView, CampaignForm, CampaignProgress, CampaignResultsView, CampaignStatusView,
        CampaignView, MemberCouponView, OfferKind, ServicePriceView,
    };
    use crate::dto::catalog::{
        CouponKindView, CouponView, PackagePlanForm, PackagePlanView, PriceChangeView, ProductForm,
        ProductView, ServiceForm, ServiceView, TopUpPlanForm, TopUpPlanView,
    };
    use crate::dto::chain::{ChainCodeView, ChainConsoleView, ChainStoreView, ChainTillView};
    use crate::dto::checkout::{
        ApprovalGranted, ApprovalInput, CartInput, CartLineInput, Catalog, CatalogItem,
        PrintResult, QuoteLineView, QuoteView, SaleDone, StaffShare, TenderInput,
    };
    use crate::dto::conflict_refund::{ConflictRefundView, ConflictTenderView};
    use crate::dto::crypt::{CryptProgress, CryptStatusView};
    use crate::dto::desk::BootInfo;
    use crate::dto::exports::{
        ExportDatasetInput, ExportFormatInput, ExportInput, ExportProgress, ExportResultView,
    };
    use crate::dto::feedback::{
        ComplaintActionView, ComplaintDetailView, ComplaintInputDto, ComplaintStep,
        ComplaintStepInput, ComplaintView, ExchangeItemInputDto, ExchangeItemView, ExchangedView,
        FeedbackFormView, FeedbackInputDto, PointsEntryView, RatedStaffView, StaffScoreInput,
        VisitFeedbackView,
    };
    use crate::dto::import::{
        ImportPreviewView, ImportProgress, ImportReportView, RefusalView, StagedFileView,
    };
    use crate::dto::member::{MemberHit, MemberInput, MemberView};
    use crate::dto::perms::{PermissionRow, RevealInput, SensitiveNotesView};
    use crate::dto::privacy::{ConsentInput, ConsentRecordView};
    use crate::dto::records::{
        AuditEntryView, AuditFilterInput, AuditPageView, ClosedShiftPageView, ClosedShiftView,
        ExportView, PageCursor, PaymentTotalView, PeriodInput, SaleRowView, SalesFilterInput,
        SalesPageView, SalesTotalsView, StaffMatchInput,
    };
    use crate::dto::reports::{ReportExportInput, ReportExportView};
    use crate::dto::sale::{
        MemberBalancesView, PackageView, PrinterSettingsView, SaleLineView, SaleSummaryView,
        SaleTenderView, SaleView, TierChangeView,
    };
    use crate::dto::schedule::{DayOffView, RoomAdminView, RoomEditInput};
    use crate::dto::segments::{SegmentExportInput, SegmentMemberView, SegmentPageView};
    use crate::dto::shift::{CountedInput, TenderTotalView, ZReportView};
    use crate::dto::staff::{OwnerInput, Session, StaffBrief};
    use crate::dto::staff_admin::{
        CommissionView, ServiceRateView, SetupProgressView, StaffColor, StaffInput,
        StaffRecordView, TimeZoneView,
    };
    use crate::dto::stock::{
        AdjustInputDto, CountLineInput, CountSheetLineView, MoveRefKind, ReceiptInputDto,
        ReceiptLineInput, StockMoveView, StockRowView, StockTakeLineView, StockTakeView,
    };
    use crate::dto::store_settings::CheckoutSettingsView;
    use crate::dto::sync::{
        ConflictAppointmentView, ConflictKind, ConflictMemberView, ConflictStoreView, ConflictView,
        EnrolmentView, InitialSyncView, RejectedOpView, SyncErrorView, SyncProblem, SyncStatusView,
    };
    use crate::dto::tiers::{TierRuleView, TierRulesSavedView};
    use crate::dto::updates::{ReadyUpdateView, UpdateStatusView};
    use crate::error::{ApiError, ErrorCode};
    use salondesk_core::appointments::{
        AppointmentStatus, HistoryAction, MessageLang, MessageStatus, ResourceKind,
        SuggestionReason,
    };
    use salondesk_core::care::{
        BirthdayBenefit, CareCursor, CareFilter, CareKind, CareList, CareOutcome, CareSettings,
        CareView, KindSetting, TierDays,
    };
    use salondesk_core::checkout::{
        FreeService, FreeServiceAllowance, LineKind, Period, RuleProgress, TierMode, TierProgress,
    };
    use salondesk_core::feedback::{ComplaintKind, ComplaintStatus, FeedbackSource, Grade};
    use salondesk_core::import::{Field as ImportField, ImportKind, Reason as ImportReason};
    use salondesk_core::member::{Gender, MatchKind, RevealReason, SkinType, Tier};
    use salondesk_core::points::ExchangeKind;
    use salondesk_core::privacy::ConsentHow;
    use salondesk_core::reports::{
        ChainStore, ColumnKind, Compare, Granularity, Kpi, Report, ReportColumn, ReportName,
        ReportQuery, ReportTable, ReportValue,
    };
    use salondesk_core::segments::{RfmClass, RfmThresholds, SavedSegment, SegmentFilter};
    use salondesk_core::staff::{Permission, Role};
    use salondesk_core::stock::AdjustReason;
    use ts_rs::TS;

    fn export<T: TS>() -> String {
        format!("export {}\n", T::decl())
    }

    fn generated() -> String {
        let mut out = String::from(
            "// Generated from the Rust wire types (src-tauri/src/dto) by ts-rs. Do not edit:\n\
             // run `UPDATE_BINDINGS=1 cargo test -p salondesk bindings` to regenerate.\n\n",
        );
        for decl in [
            export::<ErrorCode>(),
            export::<ApiError>(),
            export::<Role>(),
            export::<Permission>(),
            export::<Tier>(),
            export::<Gender>(),
            export::<SkinType>(),
            export::<MatchKind>(),
            export::<StaffBrief>(),
            export::<Session>(),
            export::<OwnerInput>(),
            export::<AppInfo>(),
            export::<BootInfo>(),
            export::<ReadyUpdateView>(),
            export::<UpdateStatusView>(),
            export::<SeedProgress>(),
            export::<CryptStatusView>(),
            export::<CryptProgress>(),
            export::<DemoPinView>(),
            export::<MemberHit>(),
            export::<MemberView>(),
            export::<MemberInput>(),
            export::<LineKind>(),
            export::<CatalogItem>(),
            export::<Catalog>(),
            export::<StaffShare>(),
            export::<CartLineInput>(),
            export::<CartInput>(),
            export::<ApprovalInput>(),
            export::<ApprovalGranted>(),
            export::<QuoteLineView>(),
            export::<QuoteView>(),
            export::<TenderInput>(),
            export::<PrintResult>(),
            export::<SaleDone>(),
            export::<SaleLineView>(),
            export::<SaleTenderView>(),
            export::<SaleView>(),
            export::<SaleSummaryView>(),
            export::<PackageView>(),
            export::<MemberBalancesView>(),
            export::<PrinterSettingsView>(),
            export::<TierChangeView>(),
            export::<TenderTotalView>(),
            export::<ZReportView>(),
            export::<CountedInput>(),
            export::<TierMode>(),
            export::<Period>(),
            export::<FreeService>(),
            export::<TierRuleView>(),
            export::<TierRulesSavedView>(),
            export::<RuleProgress>(),
            export::<TierProgress>(),
            export::<FreeServiceAllowance>(),
            export::<CheckoutSettingsView>(),
            export::<AppointmentStatus>(),
            export::<ResourceKind>(),
            export::<HistoryAction>(),
            export::<SuggestionReason>(),
            export::<MessageLang>(),
            export::<MessageStatus>(),
            export::<AppointmentView>(),
            export::<DayHoursView>(),
            export::<StaffColumnView>(),
            export::<RoomView>(),
            export::<RoomInput>(),
            export::<DayViewDto>(),
            export::<WeekDayView>(),
            export::<WeekViewDto>(),
            export::<BookingInputDto>(),
            export::<HistoryEntryView>(),
            export::<SuggestionView>(),
            export::<CreditedStaff>(),
            export::<AppointmentCartLine>(),
            export::<AppointmentCartView>(),
            export::<WorkingHoursView>(),
            export::<BookingServiceView>(),
            export::<MessageView>(),
            export::<ReminderSettingsView>(),
            export::<ReminderRunView>(),
            export::<SyncProblem>(),
            export::<SyncErrorView>(),
            export::<InitialSyncView>(),
            export::<EnrolmentView>(),
            export::<SyncStatusView>(),
            export::<RejectedOpView>(),
            export::<ConflictKind>(),
            export::<ConflictMemberView>(),
            export::<ConflictAppointmentView>(),
            export::<ConflictStoreView>(),
            export::<ConflictTenderView>(),
            export::<ConflictRefundView>(),
            export::<ConflictView>(),
            export::<AdjustReason>(),
            export::<StockRowView>(),
            export::<ReceiptLineInput>(),
            export::<ReceiptInputDto>(),
            export::<AdjustInputDto>(),
            export::<CountSheetLineView>(),
            export::<CountLineInput>(),
            export::<StockTakeLineView>(),
            export::<StockTakeView>(),
            export::<MoveRefKind>(),
            export::<StockMoveView>(),
            export::<RoomAdminView>(),
            export::<RoomEditInput>(),
            export::<DayOffView>(),
            export::<ServiceView>(),
            export::<ServiceForm>(),
            export::<ProductView>(),
            export::<ProductForm>(),
            export::<TopUpPlanView>(),
            export::<TopUpPlanForm>(),
            export::<PackagePlanView>(),
            export::<ReportName>(),
            export::<Granularity>(),
            export::<Compare>(),
            export::<ReportQuery>(),
            export::<ColumnKind>(),
            export::<ReportColumn>(),
            export::<ReportValue>(),
            export::<ReportTable>(),
            export::<Kpi>(),
            export::<Report>(),
            export::<ChainStore>(),
            export::<ChainConsoleView>(),
            export::<ChainStoreView>(),
            export::<ChainTillView>(),
            export::<ChainCodeView>(),
            export::<ReportExportInput>(),
            export::<ReportExportView>(),
            export::<RfmClass>(),
            export::<SegmentFilter>(),
            export::<OfferKind>(),
            export::<CampaignStatusView>(),
            export::<CampaignForm>(),
            export::<ServicePriceView>(),
            export::<CampaignView>(),
            export::<AudienceView>(),
            export::<CampaignProgress>(),
            export::<CampaignResultsView>(),
            export::<MemberCouponView>(),
            export::<PackagePlanForm>(),
            export::<CouponKindView>(),
            export::<CouponView>(),
            export::<PriceChangeView>(),
            export::<PageCursor>(),
            export::<PeriodInput>(),
            export::<AuditFilterInput>(),
            export::<AuditEntryView>(),
            export::<AuditPageView>(),
            export::<ExportView>(),
            export::<ClosedShiftView>(),
            export::<ClosedShiftPageView>(),
            export::<StaffMatchInput>(),
            export::<SalesFilterInput>(),
            export::<SaleRowView>(),
            export::<SalesPageView>(),
            export::<PaymentTotalView>(),
            export::<SalesTotalsView>(),
            export::<BackupSettingsView>(),
            export::<BackupStatusView>(),
            export::<BackupFileView>(),
            export::<BackupProgressView>(),
            export::<RestoreProgressView>(),
            export::<BackupPreviewView>(),
            export::<RestoreDoneView>(),
            export::<StaffColor>(),
            export::<ServiceRateView>(),
            export::<CommissionView>(),
            export::<StaffRecordView>(),
            export::<StaffInput>(),
            export::<TimeZoneView>(),
            export::<SetupProgressView>(),
            export::<PermissionRow>(),
            export::<RevealReason>(),
            export::<RevealInput>(),
            export::<SensitiveNotesView>(),
            export::<ExportDatasetInput>(),
            export::<ExportFormatInput>(),
            export::<ExportInput>(),
            export::<ExportProgress>(),
            export::<ExportResultView>(),
            export::<SegmentMemberView>(),
            export::<SegmentPageView>(),
            export::<SegmentExportInput>(),
            export::<SavedSegment>(),
            export::<RfmThresholds>(),
            export::<ConsentHow>(),
            export::<ConsentRecordView>(),
            export::<ConsentInput>(),
            export::<ImportKind>(),
            export::<ImportField>(),
            export::<ImportReason>(),
            export::<StagedFileView>(),
            export::<ImportPreviewView>(),
            export::<RefusalView>(),
            export::<ImportReportView>(),
            export::<ImportProgress>(),
            export::<Grade>(),
            export::<FeedbackSource>(),
            export::<RatedStaffView>(),
            export::<VisitFeedbackView>(),
            export::<FeedbackFormView>(),
            export::<StaffScoreInput>(),
            export::<FeedbackInputDto>(),
            export::<ComplaintKind>(),
            export::<ComplaintStatus>(),
            export::<ComplaintInputDto>(),
            export::<ComplaintStep>(),
            export::<ComplaintStepInput>(),
            export::<ComplaintView>(),
            export::<ComplaintActionView>(),
            export::<ComplaintDetailView>(),
            export::<PointsEntryView>(),
            export::<ExchangeKind>(),
            export::<ExchangeItemView>(),
            export::<ExchangeItemInputDto>(),
            export::<ExchangedView>(),
            export::<CareKind>(),
            export::<CareOutcome>(),
            export::<CareView>(),
            export::<CareCursor>(),
            export::<CareList>(),
            export::<CareFilter>(),
            export::<KindSetting>(),
            export::<TierDays>(),
            export::<BirthdayBenefit>(),
            export::<CareSettings>(),
        ] {
            out.push_str(&decl);
            out.push('\n');
        }
        out
    }

    #[test]
    fn bindings_are_up_to_date() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/backend/bindings.ts");
        let want = generated();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &want).expect("write bindings");
            return;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "{} is stale: the Rust wire types changed. Run `UPDATE_BINDINGS=1 cargo test -p salondesk bindings` and commit the result.",
            path.display()
        );
    }
}
