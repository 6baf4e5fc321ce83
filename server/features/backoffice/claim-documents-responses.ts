import { html } from 'hono/html';
import type { claimEvents, claims } from '../../db/schema.ts';
import type { ClaimStatus } from '../../../shared/claims/claim-schemas.ts';
import { maskNik } from '../../../shared/ids/nik.ts';
import { documentLabel } from '../../../shared/rules/claim-documents.ts';
import { NEXT_STATUSES } from '../claims/claim-status.ts';
import type { ClaimDocument, ClaimDocumentPage } from './claim-document-pages.ts';

export interface ClaimPageData {
  claim: typeof claims.$inferSelect;
  kpj: string;
  name: string;
  nik: string;
  documents: ClaimDocument[];
  /** The claim's checklist (and any document with pages): what the office may ask for again. */
  requestable: { id: string; label: string }[];
  events: (typeof claimEvents.$inferSelect)[];
}

const TYPE_NAMES: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/webp': 'WebP', 'image/png': 'PNG', 'application/pdf': 'PDF' };

export const pageUrl = (claimId: number, uploadId: string) => `/admin/claims/${claimId}/documents/${uploadId}`;

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} KB`;
}

function jakartaTime(date: Date): string {
  return date.toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' });
}

function pageTile(claimId: number, label: string, page: ClaimDocumentPage) {
  const name = `${label}, halaman ${page.page + 1}`;
  if (!page.complete || !page.detectedType) {
    return html`<span class="thumb unfinished">Belum selesai diunggah<br />${kilobytes(page.uploadedBytes)} dari ${kilobytes(page.size)}</span>`;
  }
  const url = pageUrl(claimId, page.uploadId);
  if (page.detectedType === 'application/pdf') {
    return html`<a class="thumb pdf" href="${url}" aria-label="${name} (PDF)">PDF<span class="muted">Buka dokumen</span></a>`;
  }
  return html`<a class="thumb" href="${url}"><img src="${url}" alt="${name}" loading="lazy" /></a>`;
}

function pageItem(claimId: number, label: string, page: ClaimDocumentPage, superseded: boolean) {
  const url = pageUrl(claimId, page.uploadId);
  return html`<li class="page${superseded ? ' superseded' : ''}" data-upload="${page.uploadId}">
    ${pageTile(claimId, label, page)}
    <p>
      ${superseded ? html`<span class="mark">Diganti</span>${page.supersededAt ? html` ${jakartaTime(page.supersededAt)}` : ''} · ` : ''}Halaman ${page.page + 1}
      · ${page.detectedType ? (TYPE_NAMES[page.detectedType] ?? page.detectedType) : 'jenis belum diketahui'} · ${kilobytes(page.size)}
    </p>
    ${page.sha256 ? html`<p class="muted">sha256 <code title="${page.sha256}">${page.sha256.slice(0, 12)}…</code></p>` : ''}
    ${page.complete ? html`<p><a href="${url}">Lihat ukuran penuh</a></p>` : ''}
  </li>`;
}

function documentSection(claimId: number, document: ClaimDocument, requested: boolean) {
  const state = document.pages.length === 0
    ? html`<span class="badge bad">Belum ada halaman</span>`
    : document.complete
      ? html`<span class="badge ok">Lengkap · ${document.pages.length} halaman</span>`
      : html`<span class="badge warn">Belum lengkap</span>`;
  return html`<section class="document${requested ? ' is-requested' : ''}" id="dokumen-${document.documentId}">
    <h3>${document.label} <code>${document.documentId}</code> ${state}${requested ? html`<span class="badge warn">Diminta ulang</span>` : ''}</h3>
    ${document.pages.length > 0 ? html`<ul class="pages">${document.pages.map((page) => pageItem(claimId, document.label, page, false))}</ul>` : ''}
    ${document.superseded.length > 0
      ? html`<p class="superseded-title">Diganti (halaman lama, tidak dipakai lagi)</p>
          <ul class="pages">${document.superseded.map((page) => pageItem(claimId, document.label, page, true))}</ul>`
      : ''}
  </section>`;
}

/**
 * One claim for the officer: who and what, every document with its pages (thumbnails linking to
 * the full page), the pages a resubmission replaced, and the forms to return it for one document
 * or to move it along. Server-rendered, no script; the stylesheet is /admin/office.css.
 */
export function renderClaimPage(data: ClaimPageData) {
  const { claim } = data;
  const status = claim.status as ClaimStatus;
  const next = NEXT_STATUSES[status] ?? [];
  // The checklist documents with no page yet are shown too: the office sees what is missing.
  const shown = [
    ...data.documents,
    ...data.requestable
      .filter((wanted) => !data.documents.some((document) => document.documentId === wanted.id))
      .map((wanted): ClaimDocument => ({ documentId: wanted.id, label: wanted.label, pages: [], superseded: [], complete: false })),
  ];
  const requestedLabel = claim.requestedDocumentId ? (documentLabel(claim.requestedDocumentId)?.id ?? claim.requestedDocumentId) : null;
  return html`<!doctype html>
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Klaim ${claim.claimNo} — Back office JMO Lite</title>
        <link rel="stylesheet" href="/admin/office.css" />
      </head>
      <body>
        <p><a href="/admin">← Semua klaim (all claims)</a></p>
        <h1>Klaim ${claim.claimNo} <span class="badge ${status === 'RETURNED' ? 'warn' : 'ok'}">${claim.status}</span></h1>
        <p>
          ${data.name} (NIK ${maskNik(data.nik)}), KPJ ${data.kpj}; ${claim.type} ${claim.cause ?? ''}; jalur ${claim.channel};
          Rp${claim.requestedAmount.toLocaleString('id-ID')}
        </p>
        ${requestedLabel
          ? html`<p class="requested">Dikembalikan: peserta diminta memfoto ulang <strong>${requestedLabel}</strong>. Klaim kembali ke antrean setelah peserta mengirim ulang.</p>`
          : ''}
        <h2>Dokumen (documents)</h2>
        ${shown.length === 0 ? html`<p>Belum ada dokumen untuk klaim ini.</p>` : ''}
        <div class="documents">${shown.map((document) => documentSection(claim.id, document, document.documentId === claim.requestedDocumentId))}</div>
        ${next.includes('RETURNED') && data.requestable.length > 0
          ? html`<h2>Minta ulang satu dokumen (ask for one document again)</h2>
              <form class="stack" method="post" action="/admin/claims/${claim.id}/return-document">
                <label
                  >Dokumen yang harus difoto ulang
                  <select name="documentId" required>
                    <option value="">— pilih dokumen —</option>
                    ${data.requestable.map((document) => html`<option value="${document.id}">${document.label}</option>`)}
                  </select>
                </label>
                <label>Catatan untuk peserta (wajib) <textarea name="note" maxlength="300" required></textarea></label>
                <div><button class="primary" type="submit">Kembalikan klaim</button></div>
              </form>`
          : ''}
        <h2>Ubah status (change status)</h2>
        ${next.length === 0
          ? html`<p>Selesai.</p>`
          : html`<form class="stack" method="post" action="/admin/claims/${claim.id}">
              <label>Status baru <select name="to">${next.map((s) => html`<option>${s}</option>`)}</select></label>
              <label>Catatan untuk peserta <input name="note" maxlength="300" /></label>
              <div><button type="submit">Simpan</button></div>
            </form>`}
        <h2>Riwayat (history)</h2>
        <ol class="events">
          ${data.events.map((event) => html`<li>${jakartaTime(event.at)} — <strong>${event.status}</strong> (${event.actor})${event.note ? html`: ${event.note}` : ''}</li>`)}
        </ol>
      </body>
    </html>`;
}

/** A refused back-office form: the code for the record, the reason in Indonesian, a way back. */
export function renderFormRefusal(input: { code: string; message: string; back: string }) {
  return html`<!doctype html>
    <html lang="id">
      <head><meta charset="utf-8" /><title>Tidak bisa — Back office JMO Lite</title><link rel="stylesheet" href="/admin/office.css" /></head>
      <body>
        <h1>Tidak bisa disimpan</h1>
        <p class="requested">${input.message}</p>
        <p class="muted">Kode: <code>${input.code}</code></p>
        <p><a href="${input.back}">← Kembali</a></p>
      </body>
    </html>`;
}
