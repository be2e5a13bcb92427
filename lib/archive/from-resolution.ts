import 'server-only';
import { issuedResolutionPdf } from '@/lib/resolutions/pdf';
import type { Db } from '@/lib/db/client';
import { type ArchiveActor, createRecord } from './records';

/**
 * Files an issued resolution (or conclusion, decision …) into the archive in the issuing
 * transaction: a record with the document's number and metadata whose first version is the
 * stored PDF (same content-addressed file, nothing copied). Linked back by `sourceKind/sourceId`,
 * which is unique, so a document is filed once.
 */
export async function fileIssuedResolution(tx: Db, actor: ArchiveActor, resolutionId: string) {
  const issued = await issuedResolutionPdf(tx, resolutionId);
  if (!issued) throw new Error(`resolution ${resolutionId} is not issued or its PDF is missing`);
  const { metadata } = issued;
  return createRecord(
    tx,
    actor,
    {
      organizationId: metadata.organizationId,
      type: metadata.type,
      numberSymbol: metadata.numberSymbol,
      title: metadata.title,
      abstract: null,
      issuerName: metadata.issuerName,
      issuedOn: metadata.issuedOn,
      signer: metadata.signerName,
      recipients: metadata.recipients ?? null,
      classification: 'normal',
      audience: 'organization',
      retention: undefined,
      sourceKind: 'resolution',
      sourceId: metadata.id,
    },
    {
      fileName: issued.fileName,
      contentType: issued.contentType,
      sizeBytes: issued.bytes.byteLength,
      sha256: issued.sha256,
      storageKey: issued.storageKey,
    },
  );
}
