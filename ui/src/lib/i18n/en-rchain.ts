// Reports (issue 18), the chain's view: a store whose sales reached head office before the
// owner's console named it is shown by its place in the list.
export const rchainEn = {
  "rchain.storeNo": "Store {n}",
} as const;
