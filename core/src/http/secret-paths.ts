/**
 * Hides the credentials of `secretPath` routes in paths no route answered (an OPTIONS,
 * a TRACE, a path one segment longer): a path that starts like such a route's template
 * is logged with the template's parameter names in place of the segments they stand for,
 * e.g. `/portal/t/<token>/x` as `/portal/t/:token/x`.
 */
export function secretPathMask(templates: string[]): (path: string) => string {
  const patterns = templates.map((template) => template.split('/'));
  return (path) => {
    const segments = path.split('/');
    let best = path;
    let bestCount = 0;
    for (const pattern of patterns) {
      const masked = [...segments];
      let count = 0;
      for (let i = 0; i < pattern.length && i < segments.length; i += 1) {
        const part = pattern[i]!;
        if (part.startsWith(':') && segments[i]) {
          masked[i] = part;
          count += 1;
        } else if (!sameSegment(part, segments[i]!)) break;
      }
      if (count > bestCount) [best, bestCount] = [masked.join('/'), count];
    }
    return best;
  };
}

/** The router matches paths case-insensitively and percent-decoded. */
function sameSegment(template: string, segment: string): boolean {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Not valid percent-encoding: compared as it is.
  }
  return template.toLowerCase() === decoded.toLowerCase();
}
