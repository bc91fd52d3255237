"""The trained relation model: BioRED relation types and novelty between concept pairs."""
