import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveRecords, archiveVersions } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { loadMessages } from '@/lib/i18n/messages';
import { samplePdf, samplePng } from '@/lib/meetings/agenda-fixtures';
import { lastAudit } from '@/lib/test/fixtures';
import { classificationOf, importFolder, parseCsv, typeOf } from './import';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-import-'));
process.env.QUORUM_DATA_DIR = path.join(dataDir, 'data');
resetEnvCache();
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const t = createTranslator({ locale: 'vi', messages: await loadMessages('vi') }) as unknown as (key: string, values?: Record<string, string | number>) => string;

describe('CSV and values', () => {
  it('reads quoted fields, doubled quotes, CRLF, a BOM and semicolons', () => {
    expect(parseCsv('\uFEFFfile,title\r\n"a, b.pdf","Nghị quyết ""số 1"""\r\n\r\nc.pdf,x\n')).toEqual([
      ['file', 'title'],
      ['a, b.pdf', 'Nghị quyết "số 1"'],
      ['c.pdf', 'x'],
    ]);
    expect(parseCsv('file;title\nb.pdf;Báo cáo, quý 3')).toEqual([
      ['file', 'title'],
      ['b.pdf', 'Báo cáo, quý 3'],
    ]);
  });

  it('accepts types and classifications as codes or in Vietnamese, with or without marks', () => {
    expect([typeOf('NQ'), typeOf('qd'), typeOf('QĐ'), typeOf('Nghị quyết'), typeOf('bao cao'), typeOf('ctr'), typeOf('xyz')]).toEqual(['NQ', 'QĐ', 'QĐ', 'NQ', 'BC', 'CTr', undefined]);
    expect([classificationOf(''), classificationOf('Mật'), classificationOf('toi mat'), classificationOf('Lưu hành nội bộ'), classificationOf('?')]).toEqual([
      'normal',
      'secret',
      'top_secret',
      'internal',
      undefined,
    ]);
  });
});

describe('importFolder', () => {
  it('imports a folder, skips on a re-run, and lists every failure with its reason', async () => {
    const folder = path.join(dataDir, 'scans');
    await mkdir(path.join(folder, 'nam-2025'), { recursive: true });
    await writeFile(path.join(folder, 'nq-09.pdf'), await samplePdf(2, 'Nghi quyet 09'));
    await writeFile(path.join(folder, 'nam-2025', 'bc 45.png'), samplePng(6, 4));
    await writeFile(path.join(folder, 'gia.pdf'), '<html>not a pdf</html>');
    await writeFile(path.join(folder, 'mat.pdf'), await samplePdf(1, 'Mat'));
    await writeFile(path.join(dataDir, 'outside.pdf'), await samplePdf(1, 'Ngoai'));
    const csv = path.join(dataDir, 'metadata.csv');
    await writeFile(
      csv,
      [
        'file,type,number_symbol,title,abstract,issuer,issued_on,signer,recipients,classification,retention_years',
        'nq-09.pdf,NQ,19-NQ/HU,Nghị quyết phát triển nông nghiệp,Về nông nghiệp hàng hóa,Huyện ủy Kim Bảng,20/11/2025,Trần Văn Thắng,Các chi bộ,Thường,',
        '"nam-2025/bc 45.png",Báo cáo,46-BC/HU,Báo cáo sơ kết 6 tháng,,Huyện ủy Kim Bảng,2026-07-05,,,,15',
        ',QĐ,103-QĐ/HU,Quyết định về công tác quân sự địa phương,,,2026-02-15,,,Mật,vĩnh viễn',
        'gia.pdf,BC,,Tệp giả,,,,,,,',
        'mat.pdf,CT,,Chỉ thị mật,,,,,,Tối mật,',
        'khong-co.pdf,TB,,Thông báo thiếu tệp,,,,,,,',
        '../outside.pdf,TB,,Thông báo ngoài thư mục,,,,,,,',
        'nq-09.pdf,XX,,Loại sai,,,,,,,',
        ',NQ,,,,,,,,,',
      ].join('\n'),
    );
    const progress: number[] = [];
    const options = { folder, csvPath: csv, organization: 'Huyện ủy Kim Bảng', maxBytes: 10 * 1024 * 1024, t, enqueue: async () => {}, onProgress: (done: number) => void progress.push(done) };

    const first = await importFolder(getDb(), options);
    expect(first).toMatchObject({ total: 9, imported: 3, skipped: 0 });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(first.failures.map((f) => [f.row, f.file])).toEqual([
      [5, 'gia.pdf'],
      [6, 'mat.pdf'],
      [7, 'khong-co.pdf'],
      [8, '../outside.pdf'],
      [9, 'nq-09.pdf'],
      [10, '—'],
    ]);
    const reasons = first.failures.map((f) => f.reason);
    expect(reasons[1]).toContain('Luật Bảo vệ bí mật nhà nước');
    expect(reasons[2]).toBe('không tìm thấy tệp trong thư mục');
    expect(reasons[3]).toBe('đường dẫn tệp nằm ngoài thư mục nhập');
    expect(reasons[4]).toContain('loại văn bản "XX"');
    expect(reasons[5]).toBe('cột title: Vui lòng nhập thông tin này.');
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(5);

    const [resolution] = await getDb().select().from(archiveRecords).where(eq(archiveRecords.numberSymbol, '19-NQ/HU'));
    expect(resolution).toMatchObject({ type: 'NQ', issuedOn: '2025-11-20', retentionYears: null, createdBy: null });
    const [report] = await getDb().select().from(archiveRecords).where(eq(archiveRecords.numberSymbol, '46-BC/HU'));
    expect(report).toMatchObject({ type: 'BC', retentionYears: 15 });
    const [v] = await getDb().select().from(archiveVersions).where(eq(archiveVersions.recordId, report!.id));
    expect(v).toMatchObject({ fileName: 'bc 45.png', contentType: 'image/png', version: 1 });
    expect(await lastAudit('archive.record.create')).toMatchObject({ actorId: null, details: { via: 'cli-import', csv: 'metadata.csv' } });

    const again = await importFolder(getDb(), options);
    expect(again).toMatchObject({ total: 9, imported: 0, skipped: 3 });
    expect(again.failures).toHaveLength(6);
    expect(await getDb().select({ id: archiveRecords.id }).from(archiveRecords).where(eq(archiveRecords.numberSymbol, '19-NQ/HU'))).toHaveLength(1);
  });

  it('reports an unknown organisation and a CSV without the required columns', async () => {
    const csv = path.join(dataDir, 'thieu-cot.csv');
    await writeFile(csv, 'file,number_symbol\na.pdf,01-NQ/HU\n');
    const missing = await importFolder(getDb(), { folder: dataDir, csvPath: csv, maxBytes: 1024, t, enqueue: async () => {} });
    expect(missing.failures).toEqual([{ row: 1, file: csv, reason: 'tệp CSV thiếu cột bắt buộc: type, title' }]);

    await writeFile(csv, 'type,title,organization\nNQ,Nghị quyết,Huyện ủy Không Có\nNQ,Nghị quyết không rõ tổ chức,\n');
    const unknown = await importFolder(getDb(), { folder: dataDir, csvPath: csv, maxBytes: 1024, t, enqueue: async () => {} });
    expect(unknown.failures.map((f) => f.reason)).toEqual([
      'không tìm thấy tổ chức "Huyện ủy Không Có"',
      'không rõ tổ chức lưu trữ (dùng --organization hoặc cột organization)',
    ]);
  });
});
