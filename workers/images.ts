import { transfer } from 'comlink';
import { bitmapDecoder, imageService, type OpenedImages } from '../src/core/image';
import { exposeService } from '../src/core/thread';

const service = imageService(bitmapDecoder);

/** The pixels and the features CSV are transferred, not copied. */
const send = (opened: OpenedImages) => transfer(opened, [opened.set.pixels.buffer, opened.features.buffer]);

const api = {
  openFolder: async (...args: Parameters<typeof service.openFolder>) => send(await service.openFolder(...args)),
  openZip: async (...args: Parameters<typeof service.openZip>) => send(await service.openZip(...args)),
};

export type ImagesApi = typeof api;
exposeService(api);
