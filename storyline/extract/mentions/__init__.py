"""Helpers of the entities stage: gazetteer, role lexicon, NER repair, in-document resolution."""
