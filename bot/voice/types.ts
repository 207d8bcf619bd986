/** Speech as the recogniser wants it: 16 kHz mono samples in [-1, 1]. */
export interface Pcm16k {
  samples: Float32Array;
  sampleRate: 16000;
  durationSeconds: number;
}

/**
 * Telegram sends OGG/Opus voice notes; WeChat sends SILK (the wechat4u puppet hands over MP3).
 * The format a platform announces is a hint: the decoder looks at the file itself first.
 */
export type VoiceFormat = 'ogg_opus' | 'silk' | 'mp3';

/** The longest voice message we transcribe; longer ones are asked to be typed or split. */
export const MAX_VOICE_SECONDS = 60;

export type VoiceFailure = 'too_long' | 'unreadable' | 'asr_failed' | 'asr_unavailable';

/** Why a voice message could not become text; each reason has its own polite reply. */
export class VoiceError extends Error {
  constructor(
    readonly reason: VoiceFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VoiceError';
  }
}

export interface SpeechRecognizer {
  /** `local`: transformers.js Whisper from ASR_MODEL_DIR; `endpoint`: ASR_URL. */
  readonly kind: 'local' | 'endpoint';
  /** The recognised text (Chinese as spoken), or a VoiceError('asr_failed' | 'asr_unavailable'). */
  transcribe(audio: Pcm16k, signal?: AbortSignal): Promise<string>;
}
