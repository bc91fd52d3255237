#!/usr/bin/env bash
# Train il6-kg's shipped NER (kg/models/ner_bionlp13cg) from the repository, seeded.
#
#   tools/train_ner_model.sh OUT_MODEL_DIR [WORK_DIR [kg train ner options...]]
#
# 1. `kg train tok2vec`: pretrain the encoder on the unlabelled abstracts
#    ([pretraining] section and [system] pretraining_seed of the config);
# 2. `kg train ner`: BioNLP13CG + BioNLP13PC (partial), from those weights; the best devel
#    checkpoint (spaCy's model-best) is the model.
# Every hyper-parameter and both seeds are in configs/ner_bionlp13cg.cfg; extra options
# (e.g. --set training.max_steps=20) go to `kg train ner` only. The corpora are read from
# ../shared/corpora (or $IL6KG_CORPORA), never copied into the project. The static vectors
# are the shipped model's floret vectors (the ones `kg train vectors` made). One BLAS
# thread: the numbers a matrix product gives may depend on the thread count.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/train_ner_model.sh OUT_MODEL_DIR [WORK_DIR [kg train ner options...]]}
work=${2:-$(mktemp -d /tmp/kg-train-ner-model-XXXXXX)}
shift $(($# < 2 ? $# : 2))
kg=${KG:-kg}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1
vectors=kg/models/ner_bionlp13cg
if [ ! -d "$vectors/vocab" ]; then
  echo "error: $vectors/vocab not found (the floret vectors the recipe reads)" >&2
  exit 2
fi
mkdir -p "$work"
# A copy of the vectors, so OUT may be the shipped folder itself.
rm -rf "$work/vectors" && cp -r "$vectors" "$work/vectors"
"$kg" train tok2vec --out "$work/tok2vec.bin" --vectors "$work/vectors"
"$kg" train ner --out "$out" --vectors "$work/vectors" --init-tok2vec "$work/tok2vec.bin" \
  --partial-corpus BioNLP13PC "$@"
echo "model: $out (pretrained weights: $work/tok2vec.bin)"
