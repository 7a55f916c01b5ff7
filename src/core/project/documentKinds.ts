/** The four documents a project writes, in TDSP's order. */
export type DocumentKind = 'charter' | 'data-report' | 'model-report' | 'exit-report';

export const DOCUMENTS: { kind: DocumentKind; label: string }[] = [
  { kind: 'charter', label: 'Charter' },
  { kind: 'data-report', label: 'Data report' },
  { kind: 'model-report', label: 'Model report' },
  { kind: 'exit-report', label: 'Exit report' },
];
