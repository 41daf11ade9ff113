/**
 * The HR page's camera and QR photos. The browser's BarcodeDetector where it exists
 * (Chrome on Android, macOS, ChromeOS); elsewhere (Firefox, Safari/iOS, desktop Chrome on
 * Linux/Windows) jsQR decodes camera frames drawn to an offscreen canvas. Either way the
 * decoded text goes to the caller's `onText` (input.ts), which only ever reads a relay
 * link, a certificate link or JSON: a scanned URL is never navigated to (BAD-INPUTS #27).
 */
import jsQRModule from 'jsqr';
import { byId } from '../../shared/web/dom.js';
import { showError, t } from './page.js';

// jsqr is CommonJS (`exports.default = jsQR`): depending on the interop, the default import
// is the function itself or the exports object holding it.
type JsQR = typeof jsQRModule.default;
const jsQR: JsQR = typeof jsQRModule === 'function' ? (jsQRModule as unknown as JsQR) : jsQRModule.default;

interface Detector { detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>> }
interface DetectorClass { new (opts: { formats: string[] }): Detector; getSupportedFormats?(): Promise<string[]> }
declare global { interface Window { BarcodeDetector?: DetectorClass } }
let stream: MediaStream | undefined;
let scanTimer: number | undefined;

/** Camera frames are decoded at this width at most (speed; a QR held up fills the frame). */
const FRAME_MAX_WIDTH = 640;
/** Widths tried, in turn, for a still photo (a phone photo may show a small QR). */
const PHOTO_WIDTHS = [640, 1280, 2048] as const;
/** Largest image file accepted for a QR photo. */
const MAX_PHOTO_BYTES = 20_000_000;

const frameCanvas = document.createElement('canvas');

/**
 * Draws an image (a video frame, a photo) to the offscreen canvas at no more than
 * `maxWidth` pixels wide and decodes a QR code from it with jsQR; undefined if none.
 */
function decodeQrFrom(source: CanvasImageSource, width: number, height: number, maxWidth: number, invert = false): string | undefined {
  if (!(width > 0 && height > 0)) return undefined;
  const scale = Math.min(1, maxWidth / width);
  const w = Math.max(1, Math.round(width * scale));
  const hgt = Math.max(1, Math.round(height * scale));
  if (frameCanvas.width !== w) frameCanvas.width = w;
  if (frameCanvas.height !== hgt) frameCanvas.height = hgt;
  const ctx = frameCanvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return undefined;
  ctx.drawImage(source, 0, 0, w, hgt);
  const pixels = ctx.getImageData(0, 0, w, hgt);
  return decodeQrImageData(pixels, invert);
}

/** jsQR over raw pixels; undefined when no QR code is found. */
function decodeQrImageData(pixels: ImageData, invert = false): string | undefined {
  const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: invert ? 'attemptBoth' : 'dontInvert' });
  return code?.data ? code.data : undefined;
}

/** The browser's own QR reader, if it has one that reads QR codes (some expose an empty one). */
async function nativeQrDetector(): Promise<Detector | undefined> {
  const Native = window.BarcodeDetector;
  if (!Native) return undefined;
  try {
    if (Native.getSupportedFormats && !(await Native.getSupportedFormats()).includes('qr_code')) return undefined;
    return new Native({ formats: ['qr_code'] });
  } catch {
    return undefined;
  }
}

/** A frame source for the camera: BarcodeDetector when usable, else jsQR on a canvas. */
async function frameReader(video: HTMLVideoElement): Promise<() => Promise<string | undefined>> {
  const detector = await nativeQrDetector();
  if (detector) return async () => (await detector.detect(video))[0]?.rawValue || undefined;
  return async () => {
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return undefined;
    return decodeQrFrom(video, video.videoWidth, video.videoHeight, FRAME_MAX_WIDTH);
  };
}

/** Starts the camera; the text of the first QR read goes to `onText` (the same checks as a pasted link). */
export async function startCamera(onText: (value: string) => Promise<void>): Promise<void> {
  if (!navigator.mediaDevices?.getUserMedia) {
    byId('scan-note').hidden = false;
    return;
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch {
    byId('scan-hint').textContent = t('cameraDenied');
    return;
  }
  const video = byId<HTMLVideoElement>('video');
  video.srcObject = stream;
  await video.play().catch(() => undefined);
  byId('scan-hint').textContent = t('scanLooking');
  byId('scan-start').hidden = true;
  byId('scan-stop').hidden = false;
  const read = await frameReader(video);
  const tick = async () => {
    if (!stream) return;
    try {
      const value = await read();
      if (value) {
        stopCamera();
        return void await onText(value);
      }
    } catch {
      // A frame that cannot be read yet; try the next one.
    }
    if (stream) scanTimer = window.setTimeout(() => void tick(), 250);
  };
  void tick();
}

export function stopCamera(): void {
  if (scanTimer !== undefined) window.clearTimeout(scanTimer);
  scanTimer = undefined;
  stream?.getTracks().forEach((tr) => tr.stop());
  stream = undefined;
  byId<HTMLVideoElement>('video').srcObject = null;
  byId('scan-hint').textContent = t('scanIdle');
  byId('scan-start').hidden = false;
  byId('scan-stop').hidden = true;
}

/** A photo of a QR (a phone without camera permission, a screenshot): decoded with jsQR. */
export async function readQrPhoto(file: File, onText: (value: string) => Promise<void>): Promise<void> {
  showError('input-error', undefined);
  if (file.size > MAX_PHOTO_BYTES) return showError('input-error', t('tooLarge'));
  let image: ImageBitmap;
  try {
    image = await createImageBitmap(file);
  } catch {
    return showError('input-error', t('photoUnreadable'));
  }
  let value: string | undefined;
  try {
    for (const width of PHOTO_WIDTHS) {
      value = decodeQrFrom(image, image.width, image.height, width, true);
      if (value || width >= image.width) break;
    }
  } finally {
    image.close();
  }
  if (!value) return showError('input-error', t('photoNoQr'));
  stopCamera();
  await onText(value);
}

export async function updateScanNote(): Promise<void> {
  const note = byId('scan-note');
  const camera = !!navigator.mediaDevices?.getUserMedia;
  note.hidden = camera && !!(await nativeQrDetector());
  note.dataset.i18n = camera ? 'scanFallback' : 'scanNoCamera';
  note.textContent = t(note.dataset.i18n);
}
