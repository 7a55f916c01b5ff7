/** Vite turns `?url` imports into the emitted asset's URL; declared here for the worker tsconfig, which has no Vite types. */
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
