#ifndef REBOUND_CHECKER_DATA_H
#define REBOUND_CHECKER_DATA_H

#include <stddef.h>

/// The standard phrase files compiled to the checker's automaton
/// (`standard-phrases.automaton`, written by `scripts/compile-phrases.sh`), as bytes
/// aligned to 16: `PhraseMatcher` reads its tables in place, without copying.
const unsigned char *rebound_standard_phrases(void);

/// The number of bytes at `rebound_standard_phrases()`.
size_t rebound_standard_phrases_size(void);

/// The learned layer (`reply-model.bin`, written by `Training/train.py`), as bytes aligned
/// to 16: `ReplyModel` reads its lookup table in place, without building it at start-up.
const unsigned char *rebound_reply_model(void);

/// The number of bytes at `rebound_reply_model()`.
size_t rebound_reply_model_size(void);

#endif
