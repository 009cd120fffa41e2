/** How customers see the tenant in mail and on the portal page: its support widget's company name and color. */
export interface SupportBrand {
  companyName: string;
  color: string;
}

/** The brand color, or the default blue when it is not a plain #rrggbb. */
export function brandColor(brand: SupportBrand): string {
  return /^#[0-9a-fA-F]{6}$/.test(brand.color) ? brand.color : '#1d4ed8';
}
