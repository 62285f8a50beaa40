"""The corpus-level phase of ``storyline run`` (stories, identities, corroboration); see
:mod:`storyline.corpus.build`."""

from storyline.corpus.build import CorpusReport, build_corpus

__all__ = ["CorpusReport", "build_corpus"]
