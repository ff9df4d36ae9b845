# ruff: noqa: E501  (a corpus line is one message, never wrapped)
"""French families for the triage corpus (fourth round), all on the train side.

As ``english_r4``: instructions and commands about the programme ("arrêtez cet exercice"),
which are not symptoms; a sign's words said to be fine, about someone else or long over;
figures of speech and body parts in exercise talk; and signs told in the same frames, so the
words alone cannot decide. Standard, Québec and texting French, written for this project.
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
arrêtez l'exercice, j'ai une grosse douleur dans la poitrine qui descend dans le bras
j'ai lâché {x} à cause d'une pression lourde au milieu de la poitrine {t}
F:{who} a arrêté la marche en se tenant la poitrine, ça serre comme un étau
l'étirement allait bien mais là ça me serre dans la poitrine pis ça passe pas
""",
    "breathing": """
annulez la séance, je manque d'air même assis et ça empire
j'ai arrêté {x}, j'arrive presque pu à respirer {t}
F:{who} a dû arrêter, elle cherche son air et peut pas finir une phrase
je suis tellement essoufflée que je me rends pas à la porte
""",
    "fainting": """
j'ai arrêté {x} parce que j'ai perdu connaissance quelques secondes
F:{who} s'est évanoui pendant les exercices pis a pris une minute à revenir
annulez ma séance, j'ai perdu connaissance dans le corridor ce matin
""",
    "stroke": """
arrêtez les exercices, j'ai la face engourdie d'un bord pis je parle tout croche
F:{who} échappe l'élastique, le bras gauche a lâché d'un coup et la bouche tombe
je peux pas faire {x}, tout mon côté droit est lourd d'un coup et les mots sortent mal
""",
    "cauda-equina": """
j'ai arrêté {x}, je sens plus rien entre les jambes pis j'ai pas uriné depuis ce matin
F:{who} a plus mal au dos et sent plus rien aux fesses, il s'est échappé dans ses pantalons
annulez mon programme, j'ai l'entrejambe engourdi et les deux jambes faiblissent
""",
    "fall-injury": """
je suis tombée pendant {x} et mon poignet est croche, je peux pas le bouger
F:{who} est tombé pendant les exercices et s'est cogné la tête, il prend un anticoagulant
arrêtez tout, j'ai trébuché sur le tapis et je peux plus m'appuyer sur ma jambe
""",
    "self-harm": """
arrêtez les rappels, je vois plus l'intérêt de vivre
F:{who} fait plus ses exercices et répète que tout le monde serait mieux sans elle
j'en peux plus de rien, je pense à mettre fin à mes jours
""",
    "dvt": """
j'ai arrêté {x}, mon mollet est enflé, chaud et rouge d'un seul côté
F:{who} a le bas de la jambe gonflé et sensible depuis l'opération, juste d'un bord
""",
    "wound-infection": """
j'ai sauté {x}, ma cicatrice est rouge et chaude pis il sort du jaune
F:{who} a une plaie qui sent mauvais, la rougeur s'étend et il fait de la fièvre
""",
    "sudden-injury": """
arrêtez mon programme, j'ai entendu un pop dans le genou pendant {x} et ça a enflé tout de suite
F:{who} a senti un claquement dans la cheville pendant les montées et peut pas mettre de poids dessus
""",
    "fall-or-dizzy-spell": """
j'ai arrêté {x} parce que j'ai eu un étourdissement et je suis tombé sur le divan, sinon ça va
F:{who} a fait une chute dans la cuisine ce matin, pas blessée mais ébranlée
""",
}

LOOK_ALIKES: dict[str, str] = {
    "said-fine": """
arrêtez tout pour aujourd'hui, ma poitrine va bien, chu juste occupée
ma poitrine va bien pis je respire bien, je veux juste sauter la séance
ma tête va bien, c'était juste un petit coup sur la porte d'armoire la semaine passée
F:{who} a les jambes correctes, on part juste en fin de semaine
mon cœur va bien, le cardiologue l'a vérifié le mois passé
arrête tout pour l'instant, tout va bien ici, je suis en vacances
mon dos est correct pis ma vessie est normale, la question de la liste m'a fait peur lol
tout est beau avec mon mollet maintenant, l'enflure du mois passé est partie depuis longtemps
""",
    "sudden-injury": """
arrêtez cet exercice.
arrête cet exercice stp
pouvez-vous arrêter l'exercice pour aujourd'hui
on saute cet exercice
je passe {x} aujourd'hui svp
annulez ma séance de ce soir
mettez le programme en pause, je pars en vacances
fin de la séance svp
je veux arrêter {x}, c'est plate
exercice suivant svp
on peut passer au prochain?
arrêtez le minuteur
arrêtez de m'envoyer la vidéo des exercices
je quitte la séance
pu de {x} pour aujourd'hui, chu tannée
annulez le rappel de ce soir
arrêtez les rappels ce fin de semaine svp
j'arrête ici pour aujourd'hui, à demain
c'est fini pour aujourd'hui, j'arrête {x}
on arrête la séance, j'ai de la visite
""",
    "chest-pain": """
l'étirement m'a ouvert la poitrine, ça fait du bien
ma poitrine va bien aujourd'hui, l'exercice de respiration a aidé
l'étirement des pectoraux dans le cadre de porte, c'est mon préféré
je sens un léger étirement dans la poitrine pendant les tirages avec l'élastique, c'est normal?
j'avais le cœur qui battait de joie en voyant mes petits-enfants
mon cœur a fait un saut quand j'ai vu la facture lol
F:{who} a fait une crise cardiaque en 2012 et va très bien maintenant
mon frère a eu mal à la poitrine l'an passé, c'était juste des brûlements
j'ai des brûlures d'estomac après la pizza, rien à voir avec les exercices
""",
    "breathing": """
j'étais essoufflé après {x} mais ça s'est replacé en une minute
je respire fort après l'escalier mais je parle sans problème
le paysage m'a coupé le souffle pendant la marche
je respire tellement mieux depuis que j'ai arrêté de fumer
F:{who} fait de l'asthme mais c'est bien contrôlé, juste pour vous le dire
je retiens mon souffle pendant la planche, c'est grave?
l'exercice de respiration m'a calmée
""",
    "fainting": """
j'ai failli tomber sans connaissance en voyant le prix des souliers haha
chu morte de fatigue après la job mais ça va
j'ai la tête qui tourne avec toute la paperasse
F:{who} s'est évanouie une fois il y a des années à un mariage, c'était la chaleur
""",
    "stroke": """
j'ai le bras faible d'avoir porté l'épicerie, c'est juste de la fatigue
mon discours au mariage s'est bien passé!
je trouve pas les mots pour vous remercier
j'ai la jambe lourde après {x} comme après une longue marche
F:{who} a fait un AVC il y a dix ans et marche très bien maintenant
j'ai la face gelée à cause du dentiste ce matin
""",
    "cauda-equina": """
je vais souvent aux toilettes parce que je bois beaucoup d'eau
j'ai les fesses engourdies d'être assise dans les estrades tout l'après-midi
je sens pu mes orteils quand il fait froid dehors, ça revient en dedans
j'ai mal au dos après le jardinage mais le reste est normal
F:{who} a été opéré au dos il y a des années et va bien
""",
    "fall-injury": """
je suis tombée en amour avec mon nouveau vélo
j'ai échappé mon cell pis l'écran est fissuré
je me suis endormi pendant la vidéo de relaxation
les prix sont tombés au marché
j'ai oublié mes exercices hier, ça m'est tombé de la tête
F:{who} est tombée l'an passé et s'est cassé la hanche, elle marche bien maintenant
les feuilles tombent, j'adore les marches d'automne
""",
    "self-harm": """
je tuerais pour un café là
cet exercice me tue lol mais je continue
j'ai tellement hâte de retourner au golf, je meurs d'envie
je veux en finir avec la séance, ça suffit pour aujourd'hui
j'en ai fini avec {x} pour aujourd'hui
le trafic me donne envie de crier
""",
    "dvt": """
les mollets chauffent pendant les montées sur la pointe des pieds, comme vous aviez dit
j'ai les jambes fatiguées après la route mais pas enflées
F:{who} a eu un caillot il y a des années, il prend une pilule et va bien
j'ai le mollet un peu sensible à cause des nouveaux souliers
""",
    "wound-infection": """
la cicatrice est belle, juste un peu rose
j'ai un rhume pis le nez qui coule, rien d'autre
la coupure sur mon doigt en cuisinant guérit bien
la patte de mon chien s'est infectée mais le vétérinaire s'en est occupé
""",
    "fall-or-dizzy-spell": """
les manèges à l'expo m'ont donné le tournis lol
j'étais étourdie de joie en apprenant la nouvelle
les enfants tournaient en rond pis tombaient en riant
""",
    "night-pain-weight-loss": """
j'ai perdu du poids exprès, mon régime marche
je dors pas à cause du party des voisins
j'ai perdu deux livres, chu contente
""",
    "pain-model-breach": """
les exercices sont faciles maintenant, aucune douleur
mon genou faisait un peu mal au début pis ça s'est calmé
un peu raide après {x}, c'était passé le lendemain
j'adore les nouveaux exercices, ça fait du bien
""",
}
