## What needs me (/my)
my-assigned = Ce qui vous est attribué
my-team-all = Les éléments ouverts de votre équipe, les plus urgents d'abord
my-team-untaken = Les éléments ouverts de votre équipe que personne n'a pris
my-actions = Les actions de communication à mener
my-feedback = Les retours qui vous sont attribués
my-vote-awaited = Le vote Go / No-Go de votre équipe est attendu.
my-vote-link = Voter

## The item page
item-actions-title = Changer l'état
item-evidence-open = Ouvrir la preuve
