declare module 'qrcode-terminal' {
  interface QrcodeTerminal {
    /** Renders `input` as a QR code of block characters; `small` uses half-height rows. */
    generate(input: string, options?: { small?: boolean }, callback?: (ascii: string) => void): void;
    setErrorLevel(level: 'L' | 'M' | 'Q' | 'H'): void;
  }
  const qrcodeTerminal: QrcodeTerminal;
  export default qrcodeTerminal;
}
