// 软件更新（设置 → 关于）的简体中文文字，键与 en-updates.ts 相同。
import type { updatesEn } from "./en-updates";

export const updatesZhCN: { readonly [K in keyof typeof updatesEn]: string } = {
  "error.sale_open": "还有一单没结完：请先收款或清空购物车，再安装更新。",
  "updates.ready": "新版本 {version} 已下载好——打烊时安装？",
  "updates.readyBody": "已从总部服务器下载，签名校验通过。安装时收银软件会关闭约一分钟，门店数据不会丢失。",
  "updates.install": "立即安装",
  "updates.later": "稍后",
  "updates.upToDate": "已是最新版本（{when}检查）",
  "updates.notChecked": "尚未检查更新",
  "updates.problem.not_enrolled": "更新由总部服务器提供：本机尚未加入连锁",
  "updates.problem.not_https": "总部服务器地址须为 https:// 才能检查更新",
  "updates.problem.sale_open": "等待中：还有一单没结完",
  "updates.problem.offline": "连不上服务器：当前版本照常使用，稍后会再检查",
  "updates.problem.bad_signature": "收到的更新签名与总部密钥不符，未安装",
  "updates.problem.failed": "上次检查没有完成，稍后会再检查",
  "updates.status": "软件更新",
};
