/**
 * The tenant's brand color as Web Awesome's brand tokens. Web Awesome's themes map every
 * brand role (fills, borders, text on fills, links, focus) to steps of one palette,
 * `--wa-color-brand-95` (lightest) to `--wa-color-brand-05` (darkest), whose number is the
 * step's perceived lightness. This builds that palette from any color: each step keeps
 * the lightness of Web Awesome's own blue palette (so the theme's contrasts hold) and
 * takes the accent's hue, with chroma scaled from it and reduced until the color fits
 * sRGB. The loud fill (main buttons) is the accent itself, with white or near-black text,
 * whichever contrasts more (never below 4.5:1). Pure functions: no DOM.
 */

/** Outpost's accent when a tenant has chosen none: Web Awesome's blue, as the theme ships it. */
export const defaultAccent = '#0071ec';

/** The palette steps and Web Awesome blue's OKLCH lightness and chroma at each. */
const steps: Array<[step: string, lightness: number, chroma: number]> = [
  ['95', 0.95944, 0.01996],
  ['90', 0.92121, 0.03985],
  ['80', 0.83572, 0.08502],
  ['70', 0.75256, 0.1308],
  ['60', 0.67196, 0.17661],
  ['50', 0.56972, 0.20461],
  ['40', 0.47175, 0.1846],
  ['30', 0.39805, 0.16217],
  ['20', 0.32436, 0.1349],
  ['10', 0.23965, 0.10161],
  ['05', 0.18565, 0.07904],
];
const peakChroma = 0.20461;

type Rgb = [number, number, number];

/** `#rrggbb` to sRGB channels in 0..1; undefined for anything else. */
export function parseHex(hex: string): Rgb | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return undefined;
  return [1, 2, 3].map((i) => parseInt(match[i]!, 16) / 255) as Rgb;
}

export function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(1, Math.max(0, c)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

/** WCAG relative luminance. */
export function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map(toLinear) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colors (1 to 21). */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(parseHex(a)!), luminance(parseHex(b)!)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function toOklch(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear) as Rgb;
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  const L = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  const A = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  const B = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  return [L, Math.hypot(A, B), Math.atan2(B, A)];
}

/** OKLCH to linear-free sRGB channels, possibly outside 0..1 (out of gamut). */
function fromOklch(L: number, C: number, h: number): Rgb {
  const A = C * Math.cos(h);
  const B = C * Math.sin(h);
  const l = (L + 0.3963377774 * A + 0.2158037573 * B) ** 3;
  const m = (L - 0.1055613458 * A - 0.0638541728 * B) ** 3;
  const s = (L - 0.0894841775 * A - 1.291485548 * B) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ].map(fromLinear) as Rgb;
}

const inGamut = (rgb: Rgb) => rgb.every((c) => Number.isFinite(c) && c >= -1e-4 && c <= 1 + 1e-4);

/** The color of this lightness and hue with the most chroma up to `chroma` that sRGB can show. */
function fit(L: number, chroma: number, h: number): string {
  if (inGamut(fromOklch(L, chroma, h))) return toHex(fromOklch(L, chroma, h));
  let [low, high] = [0, chroma];
  for (let i = 0; i < 20; i += 1) {
    const mid = (low + high) / 2;
    if (inGamut(fromOklch(L, mid, h))) low = mid;
    else high = mid;
  }
  return toHex(fromOklch(L, low, h));
}

/**
 * The brand tokens for an accent color (`#rrggbb`), to set on the document: the palette
 * `--wa-color-brand-95` … `-05`, `--wa-color-brand` and the loud fill with its text color.
 * Undefined for a value that is no hex color.
 */
export function brandTokens(accent: string): Record<string, string> | undefined {
  const rgb = parseHex(accent);
  if (!rgb) return undefined;
  const [, chroma, hue] = toOklch(rgb);
  const tokens: Record<string, string> = {};
  for (const [step, lightness, stepChroma] of steps)
    tokens[`--wa-color-brand-${step}`] = fit(lightness, (stepChroma * chroma) / peakChroma, hue);
  const fill = toHex(rgb);
  const dark = tokens['--wa-color-brand-05']!;
  // White or the palette's darkest step, whichever reads better; black when even that is below 4.5:1.
  let on = contrast(fill, '#ffffff') >= contrast(fill, dark) ? '#ffffff' : dark;
  if (contrast(fill, on) < 4.5) on = contrast(fill, '#ffffff') >= contrast(fill, '#000000') ? '#ffffff' : '#000000';
  tokens['--wa-color-brand'] = fill;
  tokens['--wa-color-brand-fill-loud'] = fill;
  tokens['--wa-color-brand-on-loud'] = on;
  tokens['--wa-color-brand-on'] = on;
  return tokens;
}
