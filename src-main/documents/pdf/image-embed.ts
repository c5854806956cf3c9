import { PDFName, PDFNumber, PDFRawStream, type PDFContext, type PDFRef } from 'pdf-lib';
import { PNG } from 'pdf-lib/cjs/utils/png.js';

export interface EmbeddedImage {
  ref: PDFRef;
  width: number;
  height: number;
}

/** Width, height and colour components from a JPEG's start-of-frame marker. */
export function jpegInfo(bytes: Uint8Array): { width: number; height: number; components: number } | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] as number;
    const length = ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = ((bytes[i + 5] as number) << 8) | (bytes[i + 6] as number);
      const width = ((bytes[i + 7] as number) << 8) | (bytes[i + 8] as number);
      const components = bytes[i + 9] as number;
      return width > 0 && height > 0 && [1, 3, 4].includes(components) ? { width, height, components } : null;
    }
    i += 2 + length;
  }
  return null;
}

/**
 * Embeds a PNG (decoded with pdf-lib's own PNG reader; alpha becomes a soft
 * mask) or a JPEG (passed through as DCT data) as an image XObject. Throws on
 * bytes that are not a readable image; callers validate uploads with it.
 */
export function embedImage(context: PDFContext, bytes: Uint8Array, type: 'png' | 'jpeg'): EmbeddedImage {
  if (type === 'jpeg') {
    const info = jpegInfo(bytes);
    if (!info) throw new Error('not a readable JPEG image');
    const colorSpace = info.components === 1 ? 'DeviceGray' : info.components === 3 ? 'DeviceRGB' : 'DeviceCMYK';
    const dict = context.obj({
      Type: 'XObject',
      Subtype: 'Image',
      BitsPerComponent: 8,
      Width: info.width,
      Height: info.height,
      ColorSpace: colorSpace,
      Filter: 'DCTDecode',
      ...(info.components === 4 ? { Decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {}),
    });
    dict.set(PDFName.of('Length'), PDFNumber.of(bytes.length));
    return { ref: context.register(PDFRawStream.of(dict, bytes)), width: info.width, height: info.height };
  }
  const png = PNG.load(bytes);
  const smask = png.alphaChannel
    ? context.register(
        context.flateStream(png.alphaChannel, {
          Type: 'XObject',
          Subtype: 'Image',
          Height: png.height,
          Width: png.width,
          BitsPerComponent: png.bitsPerComponent,
          ColorSpace: 'DeviceGray',
          Decode: [0, 1],
        }),
      )
    : undefined;
  const ref = context.register(
    context.flateStream(png.rgbChannel, {
      Type: 'XObject',
      Subtype: 'Image',
      BitsPerComponent: png.bitsPerComponent,
      Width: png.width,
      Height: png.height,
      ColorSpace: 'DeviceRGB',
      ...(smask ? { SMask: smask } : {}),
    }),
  );
  return { ref, width: png.width, height: png.height };
}
