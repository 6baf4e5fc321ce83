/** The seeded demo accounts (server/seed/demo-people.ts), for tests on either side of the network. */
export const demoEmails = {
  siti: 'siti.rahayu@demo.jmo-lite.test',
  budi: 'budi.santoso@demo.jmo-lite.test',
  dewi: 'dewi.lestari@demo.jmo-lite.test',
  agus: 'agus.wijaya@demo.jmo-lite.test',
  hendra: 'hendra.gunawan@demo.jmo-lite.test',
} as const;
