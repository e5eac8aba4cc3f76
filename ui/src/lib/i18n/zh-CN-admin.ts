// 管理后台框架（菜单）的文字。各部分自己的文字在各自的文件中。
import type { adminEn } from "./en-admin";

export const adminZhCN: { readonly [K in keyof typeof adminEn]: string } = {
  "nav.admin": "管理",
  "admin.title": "管理",
  "admin.section.staff": "员工与权限",
  "admin.section.services": "服务项目",
  "admin.section.products": "商品",
  "admin.section.plans": "储值与次卡方案",
  "admin.section.coupons": "优惠券",
  "admin.section.tiers": "会员等级",
  "admin.section.stock": "库存",
  "admin.section.schedule": "排班、休息日与房间",
  "admin.section.audit": "操作日志",
  "admin.section.zreports": "历史日结",
  "admin.section.import": "数据导入",
  "admin.section.exports": "数据导出",
  "admin.section.backups": "数据备份",
  "admin.section.privacy": "会员信息请求",
  "admin.section.campaigns": "营销活动",
  "admin.section.segments": "会员筛选",
  "admin.section.points": "积分管理",
  "admin.section.care": "关怀回访设置",
  "admin.section.complaints": "投诉处理",
};
