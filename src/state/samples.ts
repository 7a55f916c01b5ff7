/** A bundled sample, as listed in `public/samples/index.json`. */
export interface SampleInfo {
  name: string;
  title: string;
  file: string;
  description: string;
  target: string;
  task: 'binary' | 'multiclass' | 'regression';
  rows: number;
  source: string;
  licence: string;
}

let catalogue: Promise<SampleInfo[]> | null = null;

export function listSamples(): Promise<SampleInfo[]> {
  catalogue ??= fetch(new URL('samples/index.json', document.baseURI)).then((r) => {
    if (!r.ok) throw new Error(`The sample list could not be read (HTTP ${r.status}).`);
    return r.json() as Promise<SampleInfo[]>;
  });
  return catalogue;
}

/** Fetches a sample's bytes as a File, so it takes exactly the path a user's file takes. */
export async function fetchSample(sample: SampleInfo, signal?: AbortSignal): Promise<File> {
  const response = await fetch(new URL(`samples/${sample.file}`, document.baseURI), { signal });
  if (!response.ok) throw new Error(`The sample "${sample.title}" could not be read (HTTP ${response.status}).`);
  return new File([await response.blob()], sample.file);
}
