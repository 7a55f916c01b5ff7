import { transfer } from 'comlink';
import { streamService } from '../src/core/profile';
import { tableTransferables } from '../src/core/table';
import { exposeService } from '../src/core/thread';

/** As the service, with the preview's buffers transferred rather than copied. */
const api = {
  async profile(...args: Parameters<typeof streamService.profile>) {
    const out = await streamService.profile(...args);
    return transfer(out, tableTransferables(out.preview));
  },
};

export type StreamApi = typeof api;
exposeService(api);
