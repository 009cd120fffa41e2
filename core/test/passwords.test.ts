import { expect } from 'chai';
import { generatePassword, hashPassword, verifyPassword } from '../src/identity/passwords.js';

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt, and verifies', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).to.match(/^scrypt\$32768\$8\$1\$/);
    expect(a).to.not.equal(b);
    expect(await verifyPassword('correct horse battery staple', a)).to.equal(true);
    expect(await verifyPassword('wrong', a)).to.equal(false);
    expect(await verifyPassword('x', 'garbage')).to.equal(false);
  });

  it('generates passwords from an unambiguous alphabet', () => {
    const password = generatePassword(24);
    expect(password).to.have.length(24);
    expect(password).to.match(/^[A-HJ-NP-Za-km-z2-9]+$/);
  });
});
