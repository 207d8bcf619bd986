#!/usr/bin/env bash
# Regenerates the voice fixtures in test/fixtures/voice/ (used by test/voice.test.ts).
#
#   bash scripts/make-voice-fixtures.sh
#
# Needs the Debian packages espeak-ng, opus-tools and ffmpeg, plus silk-wasm from node_modules.
#   zh-question.ogg  Telegram-like voice note: OGG/Opus, mono, 48 kHz, ~4.8 s of espeak-ng
#                    Mandarin saying 居民用电的供电方案多久答复？
#   long.ogg         70 s of the same sentence looped, 8 kbit/s (for the too-long check)
#   stereo-tone.ogg  1 s stereo: a 440 Hz tone at amplitude 0.5 on the left, silence on the right
#                    (checks the mix to mono)
#   zh-question.sil  WeChat-style SILK (0x02 "#!SILK_V3" header) encoded by silk-wasm from the
#                    same speech at 16 kHz
#   zh-question.mp3  the same speech as MP3 (24 kHz mono, 32 kbit/s): what the wechat4u puppet
#                    hands over for a voice message, even under a .sil name
# The durations hard-coded in test/voice.test.ts come from `opusinfo` / silk-wasm; re-measure
# them if you regenerate (the espeak-ng version changes the timing).
set -euo pipefail

cd "$(dirname "$0")/.."
out=test/fixtures/voice
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

espeak-ng -v cmn -w "$tmp/speech.wav" '居民用电的供电方案多久答复？'
# Telegram clients record 48 kHz mono; resample first so the Opus header says so too.
ffmpeg -hide_banner -loglevel error -y -i "$tmp/speech.wav" -ar 48000 -ac 1 -bitexact "$tmp/speech48k.wav"

opusenc --quiet --serial 1 --bitrate 24 --comp 10 "$tmp/speech48k.wav" "$out/zh-question.ogg"

ffmpeg -hide_banner -loglevel error -y -stream_loop -1 -i "$tmp/speech48k.wav" -t 70 -bitexact "$tmp/long.wav"
opusenc --quiet --serial 2 --bitrate 8 --comp 10 "$tmp/long.wav" "$out/long.ogg"

ffmpeg -hide_banner -loglevel error -y -f lavfi -i 'aevalsrc=0.5*sin(2*PI*440*t)|0:s=48000:d=1' \
  -bitexact "$tmp/stereo.wav"
opusenc --quiet --serial 3 --bitrate 32 --comp 10 "$tmp/stereo.wav" "$out/stereo-tone.ogg"

ffmpeg -hide_banner -loglevel error -y -i "$tmp/speech.wav" -ar 16000 -ac 1 -f s16le "$tmp/speech16k.pcm"
node --input-type=module -e "
  import { readFileSync, writeFileSync } from 'node:fs';
  import { encode } from 'silk-wasm';
  const silk = await encode(readFileSync(process.argv[1]), 16000);
  writeFileSync(process.argv[2], silk.data);
" "$tmp/speech16k.pcm" "$out/zh-question.sil"

ffmpeg -hide_banner -loglevel error -y -i "$tmp/speech.wav" -ar 24000 -ac 1 -codec:a libmp3lame -b:a 32k \
  -map_metadata -1 -bitexact "$out/zh-question.mp3"

ls -l "$out"
opusinfo "$out/zh-question.ogg" | grep -i 'playback length'
opusinfo "$out/long.ogg" | grep -i 'playback length'
opusinfo "$out/stereo-tone.ogg" | grep -i -e 'playback length' -e channels
