/** Trees' door for the helper thread that builds histograms beside the training thread (a worker, or a Node thread in the CLI). */
export { serveHistogramHelper, type HistogramHelperFactory, type HistogramHelperInit } from './helperProtocol';
export { setHistogramHelperFactory } from './prepare';
