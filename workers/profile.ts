import { profileService } from '../src/core/profile';
import { exposeService } from '../src/core/thread';

export type ProfileApi = typeof profileService;
exposeService(profileService);
