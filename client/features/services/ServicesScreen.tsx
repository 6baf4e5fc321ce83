import { defineText, useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { programInfo } from './program-info.ts';

const text = defineText({
  id: {
    title: 'Layanan & info program',
    menu: 'Layanan',
    pay: 'Bayar iuran BPU',
    complaints: 'Pengaduan',
    offices: 'Kantor cabang & PLKK terdekat',
    notifications: 'Notifikasi',
    simulation: 'Simulasi JHT dan JKP',
    card: 'Kartu digital',
    programs: 'Program BPJS Ketenagakerjaan',
    faq: 'Pertanyaan umum',
    help: 'Butuh bantuan?',
    callCentre: 'Telepon Layanan 175',
    callCentreNote: 'Panggilan telepon biasa, tidak memakai kuota internet.',
    email: 'Email: care@bpjsketenagakerjaan.go.id',
  },
  en: {
    title: 'Services & programme info',
    menu: 'Services',
    pay: 'Pay BPU contributions',
    complaints: 'Complaints',
    offices: 'Nearest branch offices & PLKK',
    notifications: 'Notifications',
    simulation: 'JHT and JKP calculators',
    card: 'Digital card',
    programs: 'BPJS Ketenagakerjaan programmes',
    faq: 'Frequently asked questions',
    help: 'Need help?',
    callCentre: 'Call the 175 centre',
    callCentreNote: 'An ordinary phone call; it uses no mobile data.',
    email: 'Email: care@bpjsketenagakerjaan.go.id',
  },
});

export function ServicesScreen() {
  const t = useText(text);
  const info = useText(programInfo);
  useDocumentTitle(t.title);
  return (
    <>
      <h1>{t.title}</h1>
      <nav class="card" aria-labelledby="menu-heading">
        <h2 id="menu-heading">{t.menu}</h2>
        <ul class="list">
          {(
            [
              ['/kantor', t.offices],
              ['/pengaduan', t.complaints],
              ['/bayar', t.pay],
              ['/notifikasi', t.notifications],
              ['/simulasi', t.simulation],
              ['/kartu', t.card],
            ] as const
          ).map(([href, label]) => (
            <li key={href}>
              <a class="list-link" href={href}>
                <span>{label}</span>
                <span aria-hidden="true">›</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="card" aria-labelledby="help-heading">
        <h2 id="help-heading">{t.help}</h2>
        <a class="btn btn--primary btn--block" href="tel:175">
          {t.callCentre}
        </a>
        <p class="muted" style={{ marginTop: 'var(--space-2)' }}>
          {t.callCentreNote}
        </p>
        <p class="muted">
          <a href="mailto:care@bpjsketenagakerjaan.go.id">{t.email}</a>
        </p>
      </section>
      <section class="card" aria-labelledby="programs-heading">
        <h2 id="programs-heading">{t.programs}</h2>
        {info.programs.map((program) => (
          <details key={program.code}>
            <summary>{program.name}</summary>
            <p>{program.summary}</p>
            <ul>
              {program.points.map((point) => (
                <li key={point}>{point}</li>
              ))}
            </ul>
          </details>
        ))}
      </section>
      <section class="card" aria-labelledby="faq-heading">
        <h2 id="faq-heading">{t.faq}</h2>
        {info.faq.map((item) => (
          <details key={item.question}>
            <summary>{item.question}</summary>
            <p>{item.answer}</p>
          </details>
        ))}
      </section>
    </>
  );
}
