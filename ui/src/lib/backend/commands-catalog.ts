// The back office's catalog commands: services, products, price history, top-up and package
// plans, coupons. Each answers the section's whole list after a change, so a table never drifts.
import type {
  CouponView, PackagePlanForm, PackagePlanView, PriceChangeView, ProductForm, ProductView, ServiceForm,
  ServiceView, TopUpPlanForm, TopUpPlanView,
} from "./bindings";
import { call } from "./commands";

export const adminServices = () => call<ServiceView[]>("admin_services");
/** Creates a service (`id` null) or edits one. */
export const saveService = (id: string | null, form: ServiceForm) => call<ServiceView[]>("save_service", { id, form });
export const setServiceActive = (id: string, active: boolean) =>
  call<ServiceView[]>("set_service_active", { id, active });
export const moveService = (id: string, up: boolean) => call<ServiceView[]>("move_service", { id, up });

export const adminProducts = () => call<ProductView[]>("admin_products");
export const saveProduct = (id: string | null, form: ProductForm) => call<ProductView[]>("save_product", { id, form });
export const setProductActive = (id: string, active: boolean) =>
  call<ProductView[]>("set_product_active", { id, active });
export const moveProduct = (id: string, up: boolean) => call<ProductView[]>("move_product", { id, up });

export const priceHistory = (itemId: string) => call<PriceChangeView[]>("price_history", { itemId });

export const adminTopUpPlans = () => call<TopUpPlanView[]>("admin_top_up_plans");
export const saveTopUpPlan = (id: string | null, form: TopUpPlanForm) =>
  call<TopUpPlanView[]>("save_top_up_plan", { id, form });
export const setTopUpPlanActive = (id: string, active: boolean) =>
  call<TopUpPlanView[]>("set_top_up_plan_active", { id, active });

export const adminPackagePlans = () => call<PackagePlanView[]>("admin_package_plans");
export const savePackagePlan = (id: string | null, form: PackagePlanForm) =>
  call<PackagePlanView[]>("save_package_plan", { id, form });
export const setPackagePlanActive = (id: string, active: boolean) =>
  call<PackagePlanView[]>("set_package_plan_active", { id, active });

export const adminCoupons = () => call<CouponView[]>("admin_coupons");
/** Creates a coupon (`create`) or edits the one with the form's code. */
export const saveCoupon = (create: boolean, form: CouponView) => call<CouponView[]>("save_coupon", { create, form });
export const setCouponActive = (code: string, active: boolean) =>
  call<CouponView[]>("set_coupon_active", { code, active });
