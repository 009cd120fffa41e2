/** The customer's portal link in a mail's text. */
export function portalLinkIn(text: string | undefined): string {
  const match = /(http\S+\/portal\/t\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text ?? '');
  if (!match) throw new Error(`no portal link in the mail: ${text}`);
  return match[1]!;
}
