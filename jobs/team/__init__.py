"""The team's work on one workspace: annotation layers in and out, agreement, adjudication.

Each module is one job that both the CLI (``cli.team_commands``) and the GUI run, on
the store they are given and in the calling thread:

* ``layer_records`` reads the annotators' layers as export-schema records, the form
  ``quotes.agreement`` measures and adjudicates;
* ``agreement`` measures them; ``adjudication`` writes the majority into the gold
  layer and takes one version of each remaining disagreement;
* ``annotations`` imports a file's attributions as one annotator's decisions;
* ``assignment`` and ``collecting`` hand documents out to annotators' workspace
  files and bring their layers back.
"""
