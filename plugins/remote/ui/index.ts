// The remote plugin's browser entry: one import per page or element, added by each part.
export {};
