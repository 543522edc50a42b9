"""Learning from accepted annotations: a sequence model that works beside the rules.

``features`` turns an article (its tokens, the rules' own suggestions, quotation marks and
cues) into per-paragraph feature sequences; ``labels`` marks accepted attributions on them;
``crf`` trains and runs the conditional random field (python-crfsuite);
``serialisation`` turns a trained model into bytes and back; ``training`` is the public
``train_model``; ``combination`` is ``suggest``, the rules and the model together.

Nothing here imports Qt or SQLite and nothing downloads data: a model is trained from the
records a caller passes and stored wherever the caller keeps bytes.
"""

from quotes.learning.combination import suggest
from quotes.learning.crf import TrainedModel
from quotes.learning.serialisation import FORMAT_VERSION, ModelFormatError
from quotes.learning.training import MIN_RECORDS, TrainingCancelled, TrainingError, train_model

__all__ = [
    "FORMAT_VERSION",
    "MIN_RECORDS",
    "ModelFormatError",
    "TrainedModel",
    "TrainingCancelled",
    "TrainingError",
    "suggest",
    "train_model",
]
