import { eq, inArray } from 'drizzle-orm';
import { PDFDocument, rgb } from 'pdf-lib';
import { archivePreviews, archiveVersions, organizations, users } from '@/db/schema';
import { type ArchiveActor, createRecord } from '@/lib/archive/records';
import type { MetadataInput } from '@/lib/archive/schemas';
import { recordAudit } from '@/lib/audit/record';
import type { Transaction } from '@/lib/db/client';
import { wrap } from '@/lib/pdf/text';
import { embedVietnameseFonts } from '@/lib/pdf/fonts';
import { reindexRecord } from '@/lib/search/index';
import { getStorage } from '@/lib/storage';
import { DEMO_ACCOUNTS } from './demo';

type DemoRecord = Pick<MetadataInput, 'type' | 'title'> & {
  org: 'district' | 'cell';
  numberSymbol: string;
  abstract: string;
  issuerName: string;
  issuedOn: string;
  signer: string;
  recipients?: string;
  retention?: number | null;
  classification?: MetadataInput['classification'];
  audience?: MetadataInput['audience'];
  /** Paragraphs of the document body (also its text layer); none: registered by metadata only. */
  body?: string[];
};

const DISTRICT = 'Huyện ủy Kim Bảng';
const CELL = 'Chi bộ thôn Đồng Tâm';

/** Demo archive: documents of the district committee and of the demo member's cell (built on call: demo.ts imports this file). */
const demoRecords = (): DemoRecord[] => [
  {
    org: 'district',
    type: 'NQ',
    numberSymbol: '09-NQ/HU',
    title: 'Nghị quyết về phát triển nông nghiệp hàng hóa giai đoạn 2025–2030',
    abstract: 'Nghị quyết của Ban Chấp hành Đảng bộ huyện về phát triển nông nghiệp theo hướng sản xuất hàng hóa, ứng dụng công nghệ cao, gắn với xây dựng nông thôn mới giai đoạn 2025–2030.',
    issuerName: 'Ban Chấp hành Đảng bộ huyện Kim Bảng',
    issuedOn: '2025-11-20',
    signer: DEMO_ACCOUNTS.secretary.name,
    recipients: 'Ban Thường vụ Tỉnh ủy; các đảng ủy, chi bộ trực thuộc; lưu Văn phòng',
    body: [
      'I. MỤC TIÊU',
      'Đến năm 2030, giá trị sản xuất nông nghiệp tăng bình quân 3,5% mỗi năm; 60% diện tích lúa được sản xuất theo quy trình an toàn; mỗi xã có ít nhất một sản phẩm OCOP đạt ba sao trở lên.',
      'II. NHIỆM VỤ VÀ GIẢI PHÁP',
      '1. Quy hoạch vùng sản xuất hàng hóa tập trung; khuyến khích tích tụ ruộng đất, liên kết sản xuất theo chuỗi giá trị.',
      '2. Ứng dụng khoa học, công nghệ cao, cơ giới hóa đồng bộ; chuyển đổi số trong quản lý và tiêu thụ nông sản.',
      '3. Các đảng ủy, chi bộ cụ thể hóa Nghị quyết thành chương trình, kế hoạch hành động phù hợp với địa phương.',
    ],
  },
  {
    org: 'district',
    type: 'CT',
    numberSymbol: '05-CT/HU',
    title: 'Chỉ thị về lãnh đạo công tác phòng, chống thiên tai mùa mưa bão năm 2026',
    abstract: 'Chỉ thị của Ban Thường vụ Huyện ủy về tăng cường sự lãnh đạo của các cấp ủy đảng đối với công tác phòng, chống thiên tai, tìm kiếm cứu nạn mùa mưa bão năm 2026.',
    issuerName: 'Ban Thường vụ Huyện ủy Kim Bảng',
    issuedOn: '2026-04-10',
    signer: DEMO_ACCOUNTS.deputy.name,
    recipients: 'Các đảng ủy, chi bộ trực thuộc; Ủy ban nhân dân huyện',
    body: [
      'Thực hiện phương châm "bốn tại chỗ", các cấp ủy chỉ đạo rà soát phương án sơ tán dân ở vùng trũng, ven sông Đáy.',
      'Kiểm tra, gia cố đê điều, hồ đập, trạm bơm trước ngày 15 tháng 5; chuẩn bị đủ vật tư, phương tiện cứu hộ.',
      'Đảng viên gương mẫu, đi đầu trong công tác phòng, chống thiên tai, giúp đỡ nhân dân khắc phục hậu quả.',
    ],
  },
  {
    org: 'district',
    type: 'KL',
    numberSymbol: '12-KL/HU',
    title: 'Kết luận của Ban Thường vụ về công tác cán bộ quý I năm 2026',
    abstract: 'Kết luận của Ban Thường vụ Huyện ủy về việc rà soát, bổ sung quy hoạch cán bộ và luân chuyển cán bộ lãnh đạo, quản lý quý I năm 2026.',
    issuerName: 'Ban Thường vụ Huyện ủy Kim Bảng',
    issuedOn: '2026-03-28',
    signer: DEMO_ACCOUNTS.secretary.name,
    recipients: 'Các đồng chí Ủy viên Ban Thường vụ; Ban Tổ chức Huyện ủy',
    audience: 'leaders',
    body: [
      'Ban Thường vụ thống nhất bổ sung quy hoạch cán bộ nhiệm kỳ 2025–2030 theo đề nghị của Ban Tổ chức Huyện ủy.',
      'Giao Ban Tổ chức Huyện ủy hoàn thiện hồ sơ luân chuyển cán bộ, báo cáo Thường trực Huyện ủy trước ngày 30 tháng 4.',
    ],
  },
  {
    org: 'district',
    type: 'BC',
    numberSymbol: '45-BC/HU',
    title: 'Báo cáo sơ kết 6 tháng đầu năm 2026 thực hiện Nghị quyết Đại hội Đảng bộ huyện',
    abstract: 'Báo cáo kết quả lãnh đạo, chỉ đạo thực hiện nhiệm vụ chính trị 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2026.',
    issuerName: 'Huyện ủy Kim Bảng',
    issuedOn: '2026-07-05',
    signer: DEMO_ACCOUNTS.deputy.name,
    recipients: 'Ban Thường vụ Tỉnh ủy; Văn phòng Tỉnh ủy',
    body: [
      'Tổng giá trị sản xuất ước đạt 52% kế hoạch năm; thu ngân sách đạt 61% dự toán.',
      'Công tác xây dựng Đảng được chú trọng; kết nạp 86 đảng viên mới, đạt 57% chỉ tiêu năm.',
      'Một số hạn chế: tiến độ giải phóng mặt bằng còn chậm; chất lượng sinh hoạt một số chi bộ chưa cao.',
    ],
  },
  {
    org: 'district',
    type: 'KH',
    numberSymbol: '18-KH/HU',
    title: 'Kế hoạch tổ chức đại hội chi bộ trực thuộc nhiệm kỳ 2025–2027',
    abstract: 'Kế hoạch chỉ đạo tổ chức đại hội các chi bộ trực thuộc đảng bộ cơ sở tiến tới Đại hội Đảng bộ huyện lần thứ XXIII.',
    issuerName: 'Ban Thường vụ Huyện ủy Kim Bảng',
    issuedOn: '2025-03-01',
    signer: DEMO_ACCOUNTS.secretary.name,
    recipients: 'Các đảng ủy cơ sở; lưu Văn phòng',
    body: ['Đại hội chi bộ hoàn thành trước ngày 30 tháng 4 năm 2025.', 'Đại hội thảo luận báo cáo chính trị, bầu chi ủy, bí thư, phó bí thư và đại biểu dự đại hội cấp trên.'],
  },
  {
    org: 'district',
    type: 'CV',
    numberSymbol: '215-CV/HU',
    title: 'Công văn về chuẩn bị tổng kết công tác xây dựng Đảng năm 2026',
    abstract: 'Đề nghị các đảng ủy, chi bộ trực thuộc chuẩn bị báo cáo tổng kết công tác xây dựng Đảng, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2026.',
    issuerName: 'Văn phòng Huyện ủy Kim Bảng',
    issuedOn: '2026-10-02',
    signer: DEMO_ACCOUNTS.clerk.name,
    recipients: 'Các đảng ủy, chi bộ trực thuộc',
    body: ['Báo cáo gửi về Văn phòng Huyện ủy trước ngày 05 tháng 12 năm 2026.', 'Kèm theo biểu tổng hợp kết quả đánh giá, xếp loại chất lượng đảng viên.'],
  },
  {
    // A state secret: registered by metadata only, no file (Law on Protection of State Secrets).
    org: 'district',
    type: 'QĐ',
    numberSymbol: '102-QĐ/HU',
    title: 'Quyết định về công tác bảo vệ chính trị nội bộ năm 2026',
    abstract: 'Bản giấy lưu tại Văn phòng Huyện ủy theo chế độ tài liệu mật.',
    issuerName: 'Ban Thường vụ Huyện ủy Kim Bảng',
    issuedOn: '2026-02-15',
    signer: DEMO_ACCOUNTS.secretary.name,
    classification: 'secret',
    audience: 'leaders',
  },
  {
    // Past its retention period (10 years from 2014): shown on the disposition list.
    org: 'district',
    type: 'TB',
    numberSymbol: '30-TB/HU',
    title: 'Thông báo lịch tiếp công dân của Thường trực Huyện ủy quý III năm 2014',
    abstract: 'Lịch tiếp công dân định kỳ của Thường trực Huyện ủy trong quý III năm 2014.',
    issuerName: 'Văn phòng Huyện ủy Kim Bảng',
    issuedOn: '2014-06-20',
    signer: 'Nguyễn Văn Bình',
    retention: 10,
    body: ['Thường trực Huyện ủy tiếp công dân vào ngày 15 hằng tháng tại Trụ sở tiếp công dân huyện.'],
  },
  {
    org: 'cell',
    type: 'NQ',
    numberSymbol: '03-NQ/CB',
    title: 'Nghị quyết chi bộ tháng 10 năm 2026 về lãnh đạo sản xuất vụ đông',
    abstract: 'Nghị quyết sinh hoạt chi bộ định kỳ tháng 10: lãnh đạo gieo trồng vụ đông, vệ sinh môi trường và chuẩn bị đánh giá, xếp loại đảng viên cuối năm.',
    issuerName: CELL,
    issuedOn: '2026-10-05',
    signer: 'Bí thư Chi bộ',
    recipients: 'Đảng ủy xã Tân Sơn; đảng viên trong chi bộ',
    body: [
      'Chi bộ thống nhất lãnh đạo nhân dân gieo trồng 25 ha cây vụ đông, chủ yếu là ngô, khoai tây và rau màu.',
      'Mỗi đảng viên vận động ít nhất hai hộ gia đình tham gia vệ sinh môi trường, thu gom rác thải đúng nơi quy định.',
      'Chuẩn bị kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm 2026 theo hướng dẫn của Đảng ủy xã.',
    ],
  },
  {
    org: 'cell',
    type: 'BB',
    numberSymbol: '04-BB/CB',
    title: 'Biên bản sinh hoạt chi bộ định kỳ tháng 9 năm 2026',
    abstract: 'Biên bản sinh hoạt chi bộ tháng 9: đánh giá kết quả thu hoạch lúa mùa, thảo luận công tác chuẩn bị vụ đông.',
    issuerName: CELL,
    issuedOn: '2026-09-05',
    signer: 'Bí thư Chi bộ; Thư ký',
    body: ['Có mặt 17/20 đảng viên; vắng có lý do 3 đồng chí.', 'Chi bộ biểu quyết thông qua kế hoạch vụ đông với 17/17 đồng chí tán thành.'],
  },
  {
    org: 'cell',
    type: 'BC',
    numberSymbol: '02-BC/CB',
    title: 'Báo cáo kết quả xây dựng thôn nông thôn mới kiểu mẫu',
    abstract: 'Báo cáo của Chi bộ thôn Đồng Tâm về kết quả lãnh đạo xây dựng thôn nông thôn mới kiểu mẫu năm 2026.',
    issuerName: CELL,
    issuedOn: '2026-06-20',
    signer: 'Bí thư Chi bộ',
    classification: 'internal',
    body: ['Thôn hoàn thành 9/10 tiêu chí thôn nông thôn mới kiểu mẫu; tiêu chí về cảnh quan đang được hoàn thiện.'],
  },
  {
    org: 'cell',
    type: 'KH',
    numberSymbol: '01-KH/CB',
    title: 'Kế hoạch tạo nguồn, kết nạp đảng viên mới năm 2026',
    abstract: 'Kế hoạch bồi dưỡng quần chúng ưu tú, giới thiệu đoàn viên thanh niên để kết nạp vào Đảng năm 2026.',
    issuerName: CELL,
    issuedOn: '2026-01-15',
    signer: 'Bí thư Chi bộ',
    body: ['Phấn đấu kết nạp 02 đảng viên mới, trong đó có 01 đoàn viên thanh niên.'],
  },
];

async function documentPdf(record: DemoRecord, organizationName: string) {
  const doc = await PDFDocument.create();
  doc.setTitle(record.title);
  const { regular, bold } = await embedVietnameseFonts(doc);
  const page = doc.addPage([595, 842]);
  let y = 790;
  const line = (text: string, font = regular, size = 12, indent = 0) => {
    for (const part of wrap(text, font, size, 595 - 120 - indent)) {
      page.drawText(part, { x: 60 + indent, y, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 6;
    }
  };
  line(organizationName.toUpperCase(), bold);
  line(`Số ${record.numberSymbol ?? ''}`);
  y -= 12;
  line(record.title.toUpperCase(), bold, 14);
  y -= 8;
  for (const paragraph of record.body ?? []) line(paragraph);
  y -= 12;
  if (record.signer) line(record.signer, bold, 12, 280);
  return doc.save();
}

/**
 * The demo archive (a dozen records of Huyện ủy Kim Bảng and Chi bộ thôn Đồng Tâm), filed by the
 * district clerk through the domain function, audited. With `files`, each document gets a small
 * generated PDF with a Vietnamese text layer, already extracted, with page images for the viewer;
 * the unit-test template (no `files`) registers the same records by metadata only, quickly.
 */
export async function seedDemoArchive(tx: Transaction, options: { files: boolean }) {
  const orgs = await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.name, [DISTRICT, CELL]));
  const orgOf = (which: DemoRecord['org']) => orgs.find((o) => o.name === (which === 'district' ? DISTRICT : CELL))!;
  const [clerk] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, DEMO_ACCOUNTS.clerk.email));
  const actor: ArchiveActor = {
    userId: clerk!.id,
    audit: (entry) => recordAudit(tx, { id: clerk!.id, name: clerk!.name }, { ip: null, userAgent: 'seed' }, entry),
  };
  const extractPdf = options.files ? (await import('@/lib/ingest/pdf')).extractPdf : undefined;
  const { Deadline } = await import('@/lib/ingest/limits');

  for (const record of demoRecords()) {
    const org = orgOf(record.org);
    const input: MetadataInput & { organizationId: string } = {
      type: record.type,
      numberSymbol: record.numberSymbol,
      title: record.title,
      abstract: record.abstract,
      issuerName: record.issuerName,
      issuedOn: record.issuedOn,
      signer: record.signer,
      recipients: record.recipients ?? null,
      classification: record.classification ?? 'normal',
      audience: record.audience ?? 'organization',
      retention: record.retention,
      organizationId: org.id,
    };
    if (!options.files || !record.body) {
      await createRecord(tx, actor, input);
      continue;
    }
    const pdf = await documentPdf(record, org.name);
    const stored = await getStorage().put(pdf);
    const fileName = `${record.numberSymbol.replace(/\//g, '-')} ${record.title}.pdf`;
    const { recordId, versionId } = await createRecord(tx, actor, input, {
      fileName,
      contentType: 'application/pdf',
      sizeBytes: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
    });
    const previews: (typeof archivePreviews.$inferInsert)[] = [];
    const extraction = await extractPdf!(pdf, {
      deadline: new Deadline(60),
      ocr: () => Promise.reject(new Error('the demo PDFs have a text layer')),
      onPreview: async (preview) => {
        const { key } = await getStorage().put(preview.data);
        previews.push({ versionId: versionId!, page: preview.page, storageKey: key, width: preview.width, height: preview.height });
      },
    });
    await tx
      .update(archiveVersions)
      .set({ extraction: 'done', textSource: extraction.source, extractedText: extraction.text, pageCount: extraction.pageCount, processedAt: new Date() })
      .where(eq(archiveVersions.id, versionId!));
    if (previews.length) await tx.insert(archivePreviews).values(previews);
    await reindexRecord(tx, recordId);
  }
}
