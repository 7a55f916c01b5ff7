/**
 * A labelled image dataset, decoded and resized to one shape: what the image models train on and
 * what the image features are computed from. `pixels` is one flat buffer (never an array of
 * images) so that it crosses threads as a transferred or shared buffer.
 */
export interface ImageSet {
  /** Class names, in label order. */
  classNames: string[];
  /** One per image: its path inside the folder or zip, for messages and galleries. */
  names: string[];
  /** Class index per image (into `classNames`). */
  labels: Int32Array;
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB). */
  channels: 1 | 3;
  /** N × height × width × channels bytes, row-major, 0–255. */
  pixels: Uint8Array;
}
