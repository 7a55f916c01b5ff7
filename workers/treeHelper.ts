/** The second thread of tree histograms in the studio: started by the train worker with shared memory. */
import { serveHistogramHelper, type HistogramHelperInit } from '../src/core/models/trees';

self.onmessage = ({ data }: MessageEvent<HistogramHelperInit>) => serveHistogramHelper(data);
