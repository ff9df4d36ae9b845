# ruff: noqa: E501  (a corpus line is one message, never wrapped)
"""French families for the triage corpus (sixth round), all on the train side.

As ``english_r6``, from the corpus author's own imagination and the cross-validated training
errors only (no held-out or dev message was read): verbs of thinking and believing around a
sign, both ways (« je pense que je fais une crise cardiaque » est un signe, « je pense que
c'est juste un bleu » non, « je pense pas être capable de me relever » est la négation qui est
le symptôme); passive death wishes and indirect suicidal thoughts, in standard, Québec and
texting French; negation as the symptom (pu capable, sens pu rien, peux pas uriner);
combinations told in two sentences; long rambling messages; figures of speech with the
signs' words (tomber en amour, le cœur qui bat pour un voyage, mourir de rire).
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
je pense que je fais une crise cardiaque, ma poitrine serre fort pis mon bras gauche fait mal
je crois vraiment que c'est mon cœur, j'ai un poids sur la poitrine qui part pas
je sais pas trop comment le dire mais je pense que c'est le cœur, ça serre en travers de la poitrine pis je sue
F:je pense que {who} fait une crise de cœur, il se tient la poitrine pis il est gris
je me dis que c'est des brûlements d'estomac mais je pense pas, la pression monte dans ma mâchoire
on a eu les petits-enfants à dîner, on a fait des crêpes, tout allait bien, pis vers trois heures j'ai eu un serrement au milieu de la poitrine qui descend dans le bras pis ça passe pas même assise, en tout cas
""",
    "breathing": """
je pense pas être capable de respirer comme il faut, j'arrive pas à prendre une grande respiration même assise
je crois que mes poumons se ferment, chaque respiration est un combat {t}
j'arrive pu à faire rentrer l'air pis mes lèvres picotent
F:{who} arrive pas à reprendre son souffle pis peut pas finir une phrase, je pense que ça empire
j'ai vraiment l'impression d'étouffer, j'ai pas assez d'air peu importe ce que je fais
je jasais avec ma sœur de la recette pis du jardin, pis en plein milieu j'étais pu capable de reprendre mon souffle, je halète encore dans ma chaise
""",
    "fainting": """
je pense que j'ai perdu connaissance dans la cuisine, je me suis réveillée à terre pis je sais pas combien de temps
je crois que j'ai fait une syncope après {x}, tout est devenu gris pis j'étais sur le tapis
F:{who} est devenue toute molle pis a pas répondu pendant une minute, je pense qu'elle s'est évanouie
je me souviens pas d'être tombée, une seconde j'étais debout pis après j'étais par terre
je manque de m'évanouir chaque fois que je me lève, tout devient noir pis je dois me tenir au mur
""",
    "stroke": """
je pense que je fais un AVC, la moitié de mon visage est engourdie pis les mots sortent tout croches
je peux pu lever mon bras droit tout d'un coup pis ma bouche tombe d'un côté
F:je pense que {who} fait un AVC, elle peut pas sourire d'un bord pis elle dit des affaires qui ont pas de sens
ma main gauche m'obéit pu pis j'ai échappé ma tasse deux fois, c'est arrivé d'un coup {t}
je trouve pu mes mots, je sais ce que je veux dire mais ça sort tout mêlé, c'est nouveau
d'un coup je vois pu d'un œil pis ma jambe du même côté est faible
""",
    "cauda-equina": """
je sens rien quand je m'essuie après la toilette, comme si c'était gelé
j'ai pas été capable d'uriner depuis ce matin même si j'ai envie, pis mon dos me fait mourir
je pense pu être capable de retenir ma vessie, j'ai fait pipi sans le sentir
mon dos a barré {t} pis là la peau entre mes jambes est comme pas à moi
je sens pu la selle quand je m'assois sur le vélo pis mes deux jambes faiblissent
F:{who} sent pu quand elle doit aller aux toilettes pis ses fesses sont engourdies, pis son dos est mauvais
""",
    "fall-injury": """
je suis tombée dans l'escalier pis je pense pas être capable de me relever, ma hanche fait trop mal
j'ai glissé dans la douche, pis là mon poignet est croche
je suis tombé dans le jardin. Là je peux pu mettre de poids sur ma jambe.
j'ai trébuché sur le chat pis je me suis cogné la tête sur le cadre de porte, je me sens mêlée pis j'ai mal au cœur
je suis tombée sur la glace pis chu pu capable de me lever, je suis encore à terre
F:{who} est tombée de la marche pis sa cheville est toute croche, elle peut pas marcher dessus
je sais pas comment mais je me suis retrouvée par terre dans la salle de bain pis mon épaule est pas à sa place
je suis tombé pendant {x}, je prends des anticoagulants pis mon genou arrête pas de saigner
""",
    "self-harm": """
des fois je me dis que ce serait plus simple si je me réveillais pas
je pense que tout le monde serait mieux sans moi
je pense souvent à en finir, chu tannée d'avoir mal
j'ai pu envie d'être ici, chu pu capable de me battre
je me dis que les pilules dans l'armoire régleraient tout
j'aimerais m'endormir pis pu jamais me réveiller
à quoi bon continuer de même, personne verrait la différence si j'étais pu là
F:{who} m'a dit qu'elle pense à s'enlever la vie pis je sais pas quoi faire
j'ai des idées noires, je pense à pu être en vie, ça me lâche pas
je vois pu d'avenir pour moi pis j'ai pensé à comment je le ferais
chu un fardeau pour ma famille, je pense qu'ils seraient soulagés si je disparaissais pour de bon
je me suis fait mal exprès encore hier soir, je suis pas capable d'arrêter
jveux pu vivre, jsuis a boutte de tout
""",
    "dvt": """
je pense que mon mollet est enflé, il est rouge pis chaud pis ça fait mal quand je marche
une de mes jambes est tout d'un coup bien plus grosse que l'autre pis c'est sensible derrière le genou
F:le mollet de {who} est enflé pis chaud depuis l'opération, je pense que c'est peut-être un caillot
mon mollet est devenu dur pis douloureux pis la peau est luisante, juste d'un bord
""",
    "wound-infection": """
je pense que ma cicatrice est infectée, c'est rouge, chaud pis il sort du jaune
la plaie suinte pis sent mauvais pis j'ai de la fièvre
la rougeur autour de l'incision s'étend pis ça élance
F:les points de {who} coulent du pus pis c'est enflé, je pense que ça empire
""",
    "sudden-injury": """
j'ai entendu un pop dans mon genou pendant {x} pis là c'est enflé pis je peux pas le déplier
j'ai senti quelque chose déchirer dans mon mollet, comme un coup de pied, pis je peux pas pousser sur mes orteils
mon épaule a lâché en levant l'épicerie pis là je peux pu lever le bras pantoute
je me suis tordu la cheville sur le trottoir pis ça a enflé tout de suite
""",
    "fall-or-dizzy-spell": """
je pense que j'ai fait une petite chute ce matin, ça va mais je suis tremblante
la pièce s'est mise à tourner quand je me suis levée du lit pis j'ai dû me tenir au mur
j'ai des étourdissements pis je suis pas stable aujourd'hui, comme sur un bateau
F:{who} a fait une chute dans la cuisine, pas de blessure qu'on voit mais elle est ébranlée
j'ai perdu l'équilibre pis je me suis retrouvé à terre, je me suis relevé sans problème
""",
    "night-pain-weight-loss": """
la douleur me réveille toutes les nuits pis je pense que j'ai maigri sans essayer
j'ai perdu beaucoup de poids sans régime pis mon dos fait mal la nuit peu importe la position
""",
    "pain-model-breach": """
la douleur était pire le lendemain matin après {x} pis c'est pas encore redescendu
je pense que les exercices empirent les choses, la douleur est plus haute qu'avant pis elle reste là
""",
}

LOOK_ALIKES: dict[str, str] = {
    "chest-pain": """
je pense que je vais faire une crise cardiaque à regarder la game de hockey lol
mon cœur bat fort juste à penser au voyage chez mes petits-enfants
je pense que ma poitrine est sensible à cause du rhume, j'ai toussé toute la semaine, ça va mieux
je pense pas que ce soit le cœur, le médecin l'a vérifié la semaine passée pis tout est beau
j'ai eu un pincement au cœur en voyant la facture lol
""",
    "breathing": """
je pense que je dois expirer plus lentement pendant {x}?
la vue du haut de la montagne m'a coupé le souffle
je pense que je retenais mon souffle pendant la planche, je vais essayer de respirer
""",
    "fainting": """
j'ai failli m'évanouir en voyant le prix des nouveaux souliers
je pense que je me suis assoupie sur le divan après {x}, j'ai dormi une heure
j'étais K.O. à neuf heures hier soir, la meilleure nuit depuis des semaines
""",
    "stroke": """
j'ai eu un coup de chance, l'autobus est arrivé juste quand j'arrivais à l'arrêt
je pense que mon visage est engourdi à cause du dentiste, ça devrait passer ce soir
j'ai perdu mes mots tellement j'étais émue au party de ma fille
""",
    "cauda-equina": """
je pense que mon pied s'est endormi parce que j'étais assise en indien trop longtemps, ça va maintenant
je dois aller faire pipi souvent la nuit depuis les nouvelles pilules, le médecin le sait
""",
    "fall-injury": """
je suis en train de tomber en amour avec ma routine de marche
je pense que je me suis endormie pendant la vidéo d'étirements
mon cell est tombé de la table pis l'écran est craqué
je pense pas être tombée, je me suis juste assise fort sur le lit en riant
je pense que c'est juste un bleu, je me suis cognée sur la table, je suis pas tombée
les feuilles tombaient tout le long du sentier, c'était magnifique
""",
    "self-harm": """
je suis morte de rire en voyant mon chum essayer les exercices
je tuerais pour une part de la tarte au sucre de ma voisine
je vais mourir d'ennui si je dois refaire {x} encore une fois haha
ce trafic-là va me tuer
j'ai envie de disparaître sous ma couverte tellement il fait froid lol
""",
    "dvt": """
je pense que mes mollets sont juste fatigués des montées sur la pointe des pieds, les deux pareils, pas enflés
mes chevilles sont un peu enflées après l'avion, des deux côtés, ça dégonfle déjà
""",
    "wound-infection": """
je pense que la cicatrice guérit bien, elle est pâle pis plate
le site de mon injection est un peu sensible mais pas rouge
""",
    "sudden-injury": """
je pense que mon genou craque quand je plie mais ça fait pas mal
mon dos a craqué quand je me suis étiré pis ça a fait du bien
""",
    "fall-or-dizzy-spell": """
j'étais étourdie de joie quand ma fille m'a annoncé la nouvelle
j'ai l'impression de tourner en rond avec les feuilles d'exercices
les enfants m'ont fait tourner sur la chaise de bureau, ça m'a étourdie, c'était drôle
""",
    "said-fine": """
je pense que les exercices m'aident, je monte les escaliers plus facilement
je pense que ça va mieux cette semaine, merci
je crois que j'ai bien fait tous mes exercices aujourd'hui
je pense pas avoir besoin de changer le programme, ça va bien
chu pas mal plus forte qu'avant, la marche était facile
aujourd'hui je suis allée au marché avec ma voisine pis on a pris un thé en jasant du mariage de son petit-fils pis de la météo, après j'ai fait {x} lentement comme dans la vidéo, un bon étirement dans les jambes, aucun problème, à la semaine prochaine
je pense que j'ai oublié ma bouteille d'eau à la clinique, est-ce qu'elle est là?
""",
}

NEGATED: dict[str, str] = {
    "chest-pain": """
je pense pas que ce soit vraiment une douleur à la poitrine, plutôt un inconfort, mais je voulais le dire
""",
    "fall-or-dizzy-spell": """
je pense pas être tombée, mais peut-être, je me suis retrouvée assise par terre
""",
    "self-harm": """
je pense pas que je me ferais vraiment du mal, mais j'y pense souvent
""",
    "breathing": """
je sais pas si je manque de souffle ou si c'est juste l'anxiété, c'est dur à dire
""",
}
