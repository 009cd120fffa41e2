import { expect } from 'chai';
import { renderInvitePage } from '../src/page.js';

const view = {
  company: 'Acme IT',
  color: '#1d4ed8',
  logo: null,
  code: 'ABCDEFGHJKLM',
  displayCode: 'ABCD-EFGH-JKLM',
  customFiles: {},
};
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const android =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const windows =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe("invites: the invite page for the visitor's device", () => {
  it('tells a phone or tablet that the agent runs on computers, instead of offering it a Linux download', () => {
    for (const userAgent of [iphone, android]) {
      const page = renderInvitePage({ ...view, userAgent }, 'n');
      expect(page, userAgent).to.include('not on phones or tablets');
      expect(page, userAgent).to.not.include('Download for');
      expect(page, userAgent).to.include('ABCD-EFGH-JKLM');
    }
  });

  it('offers a computer the download for its system', () => {
    const page = renderInvitePage({ ...view, userAgent: windows }, 'n');
    expect(page).to.include('Download for Windows');
    expect(page).to.not.include('not on phones or tablets');
  });
});
