import { deflateSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { PDFDocument, PDFName } from 'pdf-lib';
import { agendaItems, bodies, invitations, meetingDocuments, meetings, organizations, users } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { getStorage } from '@/lib/storage';

// Test data for the agenda, document and pack tests (not used by the app).

let day = 0;

/** A new draft meeting of the Kim Bảng district executive committee (the demo secretary and clerk prepare it). */
export async function createDistrictMeeting(values: Partial<typeof meetings.$inferInsert> = {}) {
  const [body] = await getDb()
    .select({ bodyId: bodies.id, organizationId: organizations.id })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(eq(organizations.name, 'Huyện ủy Kim Bảng'), eq(bodies.kind, 'executive_committee')));
  // A distinct day per meeting: one body's meetings may not overlap.
  const start = new Date(Date.UTC(2027, 0, 1, 1, 0) + day++ * 86_400_000);
  const [row] = await getDb()
    .insert(meetings)
    .values({
      bodyId: body!.bodyId,
      organizationId: body!.organizationId,
      kind: 'regular',
      title: 'Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 5',
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3_600_000),
      location: 'Hội trường Huyện ủy Kim Bảng',
      ...values,
    })
    .returning({ id: meetings.id });
  return row!.id;
}

/** Invites a user by e-mail as a named guest (no seat, no role over the meeting). */
export async function inviteGuest(meetingId: string, email: string) {
  const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email));
  await getDb().insert(invitations).values({ meetingId, userId: user!.id, isGuest: true });
}

export async function samplePdf(pages: number, text = 'Báo cáo') {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([300, 400]).drawText(`${text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd')} ${i + 1}`, { x: 20, y: 200 });
  return doc.save();
}

/** A PDF whose trailer names an encryption dictionary (pdf-lib refuses to load it). */
export async function encryptedPdf() {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: PDFName.of('Standard'), V: 2, R: 3 }));
  return doc.save({ useObjectStreams: false });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A valid PNG of the given size, one colour. */
export function samplePng(width = 2, height = 2) {
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0xc0)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

/** The header of a baseline JPEG of the given size (enough for type sniffing and embedding). */
export function sampleJpeg(width = 4, height = 3) {
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]);
}

/** A ZIP (stored, no compression) with these entries, as OOXML and ODF files are. */
export function sampleZip(entries: Record<string, string>) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

export const sampleDocx = () =>
  sampleZip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' });
export const sampleXlsx = () => sampleZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
export const sampleOdt = () =>
  sampleZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' });

/** A File as a browser would send it in FormData. */
export function upload(bytes: Uint8Array, name: string, type = 'application/octet-stream') {
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
}

/** Adds an agenda item directly (no action, no version bump). */
export async function insertAgendaItem(meetingId: string, position: number, title: string, hiddenFromGuests = false) {
  const [row] = await getDb()
    .insert(agendaItems)
    .values({ meetingId, position, title, hiddenFromGuests, kind: 'report', presenter: 'Đồng chí Phó Bí thư', plannedMinutes: 20 })
    .returning({ id: agendaItems.id });
  return row!.id;
}

/** Stores bytes and attaches them to the meeting (or an item) directly, as an upload would. */
export async function attachDocument(
  meetingId: string,
  agendaItemId: string | null,
  bytes: Uint8Array,
  fileName: string,
  contentType: string,
) {
  const stored = await getStorage().put(bytes);
  const [row] = await getDb()
    .insert(meetingDocuments)
    .values({
      meetingId,
      agendaItemId,
      title: fileName.replace(/\.[^.]+$/, ''),
      fileName,
      contentType,
      sizeBytes: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
    })
    .returning({ id: meetingDocuments.id });
  return { id: row!.id, key: stored.key };
}
