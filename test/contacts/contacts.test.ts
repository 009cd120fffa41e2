import { expect } from 'chai';
import { simulatedMachine } from '@outpost/agent';
import { until } from '@outpost/core/testing';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';

const api = '/api/v1/contacts';

describe('contacts', function () {
  this.timeout(60_000);
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer({ plugins: [contactsPlugin] })));
  after(() => server?.stop());

  it('adds, finds, changes and deletes contacts; validates each field; a Viewer only reads', async () => {
    const created = await server.admin.request('POST', api, {
      body: {
        name: '  Robin Reception ',
        email: 'Robin@Acme.example',
        phone: '+1 (555) 010-2000',
        company: 'Acme Dental',
      },
    });
    expect(created.status).to.equal(201);
    expect(created.body).to.include({
      name: 'Robin Reception',
      email: 'robin@acme.example',
      phone: '+1 (555) 010-2000',
      company: 'Acme Dental',
      notes: '',
      deviceCount: 0,
    });
    await server.admin.request('POST', api, { body: { name: 'Sam Server', company: 'Globex' } });
    await server.admin.request('POST', api, { body: { name: 'Alex Admin', email: 'alex@globex.example' } });

    for (const q of ['robin', 'ACME', 'globex.example']) {
      const found = await server.admin.request('GET', `${api}?q=${encodeURIComponent(q)}`);
      expect(found.body.items.length, q).to.be.greaterThan(0);
    }
    expect(
      (await server.admin.request('GET', `${api}?q=glob`)).body.items.map((c: { name: string }) => c.name),
    ).to.deep.equal(['Alex Admin', 'Sam Server']);
    expect(
      (await server.admin.request('GET', `${api}?q=${encodeURIComponent('100%_')}`)).body.items,
      'wildcards are plain text',
    ).to.deep.equal([]);

    const first = await server.admin.request('GET', `${api}?limit=2`);
    expect(first.body.items.map((c: { name: string }) => c.name)).to.deep.equal(['Alex Admin', 'Robin Reception']);
    const second = await server.admin.request('GET', `${api}?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { name: string }) => c.name)).to.deep.equal(['Sam Server']);
    expect(second.body.nextCursor).to.equal(null);
    expect((await server.admin.request('GET', `${api}?cursor=garbage`)).status).to.equal(400);

    for (const body of [
      { name: '' },
      { name: '   ' },
      { email: 'a@b.example' },
      { name: 'x', email: 'not-mail' },
      { name: 'x', phone: 'call me' },
      { name: 'x', unknown: 1 },
    ]) {
      expect((await server.admin.request('POST', api, { body })).status, JSON.stringify(body)).to.equal(400);
    }
    const changed = await server.admin.request('PATCH', `${api}/${created.body.id}`, {
      body: { notes: 'Prefers mornings', email: null },
    });
    expect(changed.body).to.include({ notes: 'Prefers mornings', email: null, name: 'Robin Reception' });

    const viewer = await server.signedIn(await server.createUser(`viewer-${Date.now()}@example.test`, 'viewer'));
    expect((await viewer.request('GET', `${api}/${created.body.id}`)).status).to.equal(200);
    expect((await viewer.request('POST', api, { body: { name: 'Nope' } })).status).to.equal(403);
    expect((await viewer.request('PATCH', `${api}/${created.body.id}`, { body: { name: 'Nope' } })).status).to.equal(
      403,
    );

    expect((await server.admin.request('DELETE', `${api}/${created.body.id}`)).status).to.equal(204);
    expect((await server.admin.request('GET', `${api}/${created.body.id}`)).status).to.equal(404);
  });

  it("links devices from the contact and shows them from the device; another tenant's device cannot be linked; the history has their connections", async () => {
    const contact = (await server.admin.request('POST', api, { body: { name: 'Dana Devices' } })).body;
    const laptop = await server.enrollSimulated(61);
    const desktop = await server.enrollSimulated(62);
    expect((await server.admin.request('PUT', `${api}/${contact.id}/devices/${laptop.deviceId}`)).status).to.equal(204);
    expect(
      (await server.admin.request('PUT', `${api}/${contact.id}/devices/${laptop.deviceId}`)).status,
      'linking twice is fine',
    ).to.equal(204);
    expect((await server.admin.request('PUT', `${api}/${contact.id}/devices/${desktop.deviceId}`)).status).to.equal(
      204,
    );
    const shown = (await server.admin.request('GET', `${api}/${contact.id}`)).body;
    expect(shown.deviceCount).to.equal(2);
    expect(shown.devices.map((d: { id: string }) => d.id).sort()).to.deep.equal(
      [laptop.deviceId, desktop.deviceId].sort(),
    );
    expect(shown.devices[0]).to.have.keys('id', 'name', 'status', 'os', 'lastSeenAt');
    expect(
      (await server.admin.request('GET', `${api}/by-device/${laptop.deviceId}`)).body.items.map(
        (c: { id: string }) => c.id,
      ),
    ).to.deep.equal([contact.id]);

    const agent = await server.connect(laptop, simulatedMachine(61));
    await agent.stop();
    await until(
      async () => (await server.admin.request('GET', `${api}/${contact.id}/connections`)).body.items[0]?.disconnectedAt,
      10_000,
      'the connection in the history',
    );
    const history = (await server.admin.request('GET', `${api}/${contact.id}/connections`)).body.items;
    expect(history[0].deviceId).to.equal(laptop.deviceId);
    expect(history[0].deviceName).to.be.a('string').and.not.equal('');

    const other = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Contacts other ${Date.now()}`, adminEmail: `contacts-${Date.now()}@example.test` },
    });
    const otherAdmin = await server.signedIn(
      await server.createUser(`contacts-admin-${Date.now()}@example.test`, 'owner', undefined, other.body.id),
    );
    const theirs = await server.enrollSimulated(63, otherAdmin);
    expect((await server.admin.request('PUT', `${api}/${contact.id}/devices/${theirs.deviceId}`)).status).to.equal(404);
    expect(
      (await otherAdmin.request('PUT', `${api}/${contact.id}/devices/${theirs.deviceId}`)).status,
      'nor the contact from there',
    ).to.equal(404);
    expect((await server.admin.request('GET', `${api}/by-device/${theirs.deviceId}`)).status).to.equal(404);

    expect((await server.admin.request('DELETE', `${api}/${contact.id}/devices/${desktop.deviceId}`)).status).to.equal(
      204,
    );
    expect((await server.admin.request('DELETE', `${api}/${contact.id}/devices/${desktop.deviceId}`)).status).to.equal(
      404,
    );
    expect((await server.admin.request('GET', `${api}/${contact.id}`)).body.deviceCount).to.equal(1);
  });

  it('imports 10,000 contacts with 3 bad lines: 9,997 in, the 3 reported by line and reason', async () => {
    const before = Number((await server.outpost.db('contacts_contacts').count({ n: '*' }))[0]!.n);
    const lines = ['Name,E-mail,Phone,Company,Notes,Shoe size'];
    for (let i = 1; i <= 10_000; i += 1)
      lines.push(`"Customer ${i}",customer${i}@bulk.example,+1 555 ${String(i).padStart(4, '0')},"Bulk, Inc.",,42`);
    lines[101] = ',nobody@bulk.example,,,,';
    lines[5001] = '"Bad Mail",not-an-address,,,,';
    lines[9001] = '"Twice",customer3@bulk.example,,,,';
    const csv = `${lines.join('\r\n')}\r\n`;
    const answer = await server.admin.request('POST', `${api}/import`, { body: { csv } });
    expect(answer.status).to.equal(200);
    expect(answer.body.accepted).to.equal(9997);
    expect(answer.body.ignoredColumns).to.deep.equal(['Shoe size']);
    expect(answer.body.rejected).to.deep.equal([
      { line: 102, reason: 'the name is empty' },
      { line: 5002, reason: '"not-an-address" is not an e-mail address' },
      { line: 9002, reason: 'the e-mail customer3@bulk.example is on line 4 already' },
    ]);
    const after = Number((await server.outpost.db('contacts_contacts').count({ n: '*' }))[0]!.n);
    expect(after - before).to.equal(9997);
    expect((await server.admin.request('GET', `${api}?q=customer9999@`)).body.items[0]).to.include({
      name: 'Customer 9999',
      company: 'Bulk, Inc.',
      phone: '+1 555 9999',
    });

    const again = await server.admin.request('POST', `${api}/import`, {
      body: { csv: 'name,email\nCustomer 1,customer1@bulk.example\nNew One,new@bulk.example\n' },
    });
    expect(again.body).to.deep.include({
      accepted: 1,
      rejected: [{ line: 2, reason: 'a contact with the e-mail customer1@bulk.example exists' }],
    });
  });

  it('takes files larger than the usual body limit (up to 10 MB)', async () => {
    const notes = 'n'.repeat(1000);
    const lines = [
      'name,email,notes',
      ...Array.from({ length: 2500 }, (_, i) => `Large ${i},large${i}@big.example,${notes}`),
    ];
    const csv = `${lines.join('\n')}\n`;
    expect(csv.length).to.be.greaterThan(2 * 1024 * 1024);
    const answer = await server.admin.request('POST', `${api}/import`, { body: { csv } });
    expect(answer.status).to.equal(200);
    expect(answer.body.accepted).to.equal(2500);
    expect(
      (
        await server.admin.request('POST', '/api/v1/contacts', {
          body: { name: 'x', notes: 'n'.repeat(2 * 1024 * 1024) },
        })
      ).status,
      'other routes keep the usual limit',
    ).to.equal(413);
  });

  it('refuses a file it cannot read whole, and imports nothing of it', async () => {
    const count = async () => Number((await server.outpost.db('contacts_contacts').count({ n: '*' }))[0]!.n);
    const before = await count();
    const noName = await server.admin.request('POST', `${api}/import`, {
      body: { csv: 'email,phone\na@b.example,1\n' },
    });
    expect(noName.status).to.equal(400);
    expect(noName.body.detail).to.match(/one of them "name"/);
    const broken = await server.admin.request('POST', `${api}/import`, {
      body: { csv: 'name,email\n"Unclosed,a@b.example\nOther,c@d.example\n' },
    });
    expect(broken.status).to.equal(400);
    expect(broken.body.detail).to.match(/^The file is not valid CSV: /);
    expect(broken.body).not.to.have.property('stack');
    expect(await count()).to.equal(before);
  });

  it('exports CSV that spreadsheets cannot run as formulas, and that the import reads back', async () => {
    await server.admin.request('POST', api, {
      body: {
        name: '=HYPERLINK("http://evil.example")',
        email: 'formula@export.example',
        company: '@Corp',
        notes: 'line one\nline two',
      },
    });
    const answer = await server.admin.request('GET', `${api}/export.csv?q=export.example`);
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    const text = answer.body as string;
    expect(text.split('\n')[0]).to.equal('name,email,phone,company,notes,devices,created');
    expect(text).to.include(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).to.include("'@Corp");
    await server.admin.request(
      'DELETE',
      `${api}/${(await server.admin.request('GET', `${api}?q=formula@`)).body.items[0].id}`,
    );
    const back = await server.admin.request('POST', `${api}/import`, { body: { csv: text } });
    expect(back.body.accepted).to.equal(1);
    expect((await server.admin.request('GET', `${api}?q=formula@`)).body.items[0]).to.include({
      name: '=HYPERLINK("http://evil.example")',
      company: '@Corp',
      notes: 'line one\nline two',
    });
  });
});
