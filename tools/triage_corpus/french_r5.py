# ruff: noqa: E501  (a corpus line is one message, never wrapped)
"""French families for the triage corpus (fifth round), all on the train side.

As ``english_r5``: each family is a class of message in this round's own scenes and words,
never a copy or rewording of a held-out or dev message. Signs told by the sensation (« un
étau », « une enclume », « comme une main qui serre »), by what a relative saw, in a formal
register, in Québec French (« pogné », « a' l'air pas bien », « chu pu capable »), in
franglais, dictated, minimised, or in a « p.s. »; falls that end on the floor; self-harm
said indirectly; and hard look-alikes (expressions with body words, someone else's story,
the normal effort of the exercises). Standard, Québec and texting French.
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
nouveau message j'ai une lourdeur qui écrase au milieu de la poitrine pis j'ai mal au cœur pis je sue
excusez-moi de vous déranger, depuis ma marche j'ai un drôle de serrement sous le sternum pis je suis toute en sueur
bon la séance a bien été pis le dîner aussi, ah pis la chose dans la poitrine est revenue, ça serre fort, ça fait 20 minutes
j'ai comme une enclume sur le sternum depuis {x} pis j'ai mal au cœur
c'est probablement rien mais ma poitrine est prise dans un étau pis ça monte dans la mâchoire
F:{who} est gris, trempe de sueur et se tient le milieu du thorax avec le poing
Je souhaite signaler une sensation de constriction derrière le sternum, avec un inconfort dans le bras gauche, apparue au repos.
p.s. j'oubliais, ça m'écrase en dedans depuis une demi-heure au milieu du torse pis j'ai la nausée
c'est comme une main qui me serre le cœur fort pis qui lâche pas
mon chest est full serré pis mon bras gauche est bizarre, j'ai peur
ça chauffe pis c'est pesant dans ma poitrine en même temps, le repos change rien
j'ai une douleur qui appuie au centre du torse pis qui traverse jusqu'entre les omoplates
F:{who} a dû s'asseoir dans l'escalier, il dit que ça pèse sur le cœur pis il a envie de vomir
j ai très mal à la poitrine ça monte dans le cou et la mâchoire je suis assise ça arrête pas
je veux pas déranger mais j'ai une lourdeur sourde dans la poitrine {t} pis chu toute moite
on dirait des brûlements d'estomac mais en pire, en plein milieu de la poitrine pis dans le bras gauche
mon cœur fait mal, ça serre comme une pince pis je me sens partir
""",
    "breathing": """
nouveau message je suis pas capable de reprendre mon souffle assise ici dites-moi quoi faire
je m'excuse de déranger, j'ai pas de souffle aujourd'hui même assise dans ma chaise, ça m'a fait peur
fyi ma respiration est bizarre, je suis pas capable de remplir mes poumons, c'est arrivé de nulle part
depuis l'opération à la hanche ma cuisse est grosse et douloureuse, et aujourd'hui je m'essouffle juste à parler
F:{who} respire vite pis pas creux, assis dans le lit, y a besoin de trois oreillers pour respirer
l'air passe pas plus bas que la gorge, je tire pis c'est pas assez
je crache des filets de sang quand je tousse et je manque de souffle
F:{who} a le tour de la bouche grisâtre pis a' force pour respirer
je dois m'arrêter à tous les trois mots pour prendre de l'air {t}
je suis devenue très essoufflée d'un coup au repos et ça pique quand j'inspire
c'est comme respirer dans une paille pis ça empire
F:{who} siffle fort en respirant, ça creuse dans le cou pis la pompe fait rien
je peux pas me coucher, je me noie, je suis assis depuis la nuit pour respirer
p.s. j'ai dû arrêter sur le palier parce que j'avais pas assez d'air, c'est nouveau
genre j'suis pu capable de respirer là, j'capote
Je présente une dyspnée marquée, apparue brutalement, sans effort.
je me sens étouffer, ma respiration est saccadée
je souffle comme si j'avais couru un marathon pis je suis juste assis sur le divan
""",
    "fainting": """
nouveau message je suis tombée dans le corridor je sais pas combien de temps je viens de me réveiller là
j'ai eu une faiblesse dans le jardin pis après j'étais couchée dans le gazon
F:{who} est devenu tout mou dans l'auto pis a pas répondu pendant quelques secondes, il est blême
j'ai vu des points noirs pis j'ai pogné le plancher, je suis encore sonnée
F:{who} s'est effondrée dans la file à l'épicerie pis a répondait pas, là est réveillée mais pas claire
je me suis réveillé sur le tapis du corridor sans savoir comment j'étais arrivé là
tout est devenu blanc quand je me suis levée de {x} pis après j'étais à terre
F:{who} s'est écrasé pendant {x} et il était inconscient quelques secondes
j'ai dû perdre connaissance, je suis revenu à moi sur le patio
J'ai fait un épisode de syncope cet après-midi.
mes jambes ont plié pis j'ai perdu la carte, ma fille m'a trouvée par terre
j'ai eu un trou noir quelques secondes et j'ai accroché la chaise en tombant
F:{who} a glissé de côté à la table pis on arrivait pas à le réveiller pendant une minute
lol j'ai full perdu connaissance après {x}, réveillée sur le plancher
il me manque un bout, j'étais debout pis après j'étais couchée à côté du lit
""",
    "stroke": """
nouveau message ma bouche est croche pis ma main gauche serre plus rien c'est arrivé d'un coup
F:{who} est plus capable de sourire d'un côté pis sa parole est devenue bizarre il y a une heure
il y a de quoi qui va pas, mon café coule du coin de ma bouche pis mon bras lève pas comme il faut
F:{who} essaie de parler mais ça sort tout en marmonnant pis elle serre pas ma main à droite
F:{who} parle tout d'un coup la bouche pâteuse pis une paupière tombe
je suis pu capable d'attacher mes boutons avec la main droite, les doigts répondent pas, ça a commencé il y a une heure
F:{who} comprend tout d'un coup plus ce qu'on lui dit et répond avec les mauvais mots
un côté de ma face a l'air de glisser vers le bas pis mon sourire est croche dans le miroir
c'est comme un rideau qui est tombé sur la moitié de ma vue, avec un gros mal de tête
un mal de tête épouvantable d'un coup, comme un coup de bâton derrière la tête, il y a quelques minutes
F:{who} lève plus le bras gauche pis le coin de la bouche tombe
ma jambe droite traîne pis mon bras est mou, c'est arrivé d'un coup {t}
mes mots sortent tout mélangés, je sais ce que je veux dire mais ça sort pas
F:{who} est devenue bizarre pis silencieuse, sa main gauche échappe tout
tout mon côté gauche est devenu engourdi et maladroit d'un coup
je vois double tout d'un coup pis je titube, je marche pu droit
p.s. ma main a été faible pis picotait un bout, pis je parlais mal, c'est encore pas normal
mon crayon me glisse des doigts pis mon écriture part dans tous les sens depuis le dîner
""",
    "cauda-equina": """
nouveau message je sens plus rien autour de l'anus pis j'ai pas uriné aujourd'hui mon dos est mauvais
c'est gênant à dire mais depuis que mon dos est pire je sens plus quand je vais aux toilettes
F:{who} sent plus ses fesses sur la chaise pis ses jambes plient, son dos est bien pire
j'ai le derrière engourdi comme si j'étais assise sur un bloc de glace pis mon dos est atroce
je sens plus quand j'ai envie d'aller aux toilettes et mes deux jambes sont faibles
F:{who} a mal au dos jusque dans les deux jambes pis il a mouillé le lit sans se réveiller
mes intestins ont lâché ce matin sans que je m'en rende compte, la sciatique est dans les deux jambes
j'ai pas uriné depuis hier soir pis j'ai pas envie du tout, pis mon dos est mauvais
ça picote là où on s'assoit sur une selle de vélo pis mes jambes lâchent
F:{who} dit qu'a' sent plus le papier quand a' s'essuie pis son dos est bien pire
mon dos a barré pis mes deux jambes flanchent, je contrôle plus mes selles
engourdi en bas pis ma vessie marche pu comme il faut depuis que mon dos a flambé
Je remarque une anesthésie en selle et une diminution de la sensation de la vessie, avec ma lombalgie.
des fourmis autour des fesses pis à l'intérieur des cuisses, pis j'arrive pas à vider ma vessie
j'ai la vessie pleine mais rien sort pis mon dos est pire
je sens plus le siège quand je m'assois sur la toilette pis mes jambes sont comme du plomb
""",
    "fall-injury": """
nouveau message je suis tombé dans la cuisine pis je suis pas capable de me relever du plancher ma hanche fait très mal
j'ai fait une petite chute sur le patio pis mon poignet est tout déformé, j'ose pas le bouger
F:{who} est tombé dans la nuit, il est sur le plancher de la salle de bain, il se relève pas pis sa hanche fait mal
je vous écris de par terre, j'ai tombé à côté du divan au déjeuner pis mes jambes veulent pas me relever
j'ai revolé dans les marches d'en avant pis mon coude a une drôle de forme, je peux pas le plier
F:{who} a pris une débarque sur le trottoir, la hanche lui fait atrocement mal pis le pied est tourné vers l'extérieur
je suis tombée sur le coin de la table pis la coupure sur mon bras pisse le sang
je suis tombé en sortant du lit pis je suis pogné à terre, mes jambes me soulèvent pas
F:{who} a fait une chute dans le jardin pis s'est cogné la tête sur la marche, elle prend des anticoagulants
je suis tombé sur la main pis mon poignet a une bosse en forme de fourchette, ça enfle
j'ai manqué le bord du trottoir, je suis tombée sur la hanche pis je peux pas mettre de poids dessus
F:{who} est tombé dans la chambre pis il est couché là depuis des heures, on est pas capables de le lever
j'ai fait une mauvaise chute pis mon bras pend bizarre, je peux pas le bouger
j'ai glissé sur les feuilles mouillées pis mon genou porte plus rien, ça enfle vite
j'ai trébuché sur le chat pis je me suis frappé le front sur le cadre de porte, je vois des étoiles
j'ai glissé dans le garage pis mon tibia est ouvert, ça saigne beaucoup
j'ai fait une chute pis je pense que quelque chose est cassé, l'os a l'air pas à sa place
""",
    "self-harm": """
nouveau message je veux plus vivre je pense à comment je le ferais
je me demande si ce serait pas plus simple pour tout le monde si j'étais pu là
F:{who} a commencé à faire ses adieux au monde pis dit qu'elle aura plus besoin de ses affaires
je me brûle avec un briquet quand c'est trop
je me gratte les bras jusqu'au sang exprès, c'est la seule affaire qui m'aide
F:{who} m'a dit qu'il sait exactement comment il le ferait
j'espère chaque soir de pas me réveiller le matin
je pense à prendre toutes mes pilules d'un coup
F:{who} dit qu'elle veut plus être là pis elle donne ses affaires
je veux plus être en vie, à quoi ça sert
me tuer, j'y pense presque tous les jours ces temps-ci
j'ai ce qu'il faut pour le faire pis j'y pense chaque jour
j'ai des pensées suicidaires pis ça me fait peur
F:{who} a écrit des lettres d'adieu et dit que la vie vaut pas la peine avec cette douleur
j'ai juste envie de disparaître pour de bon, pu être là
j'ai recommencé à me faire du mal, je m'excuse
ma famille s'arrangerait très bien sans moi, je pense à en finir avec tout ça
""",
    "dvt": """
le mollet sous mon nouveau genou est dur pis sensible, plus gros que l'autre
depuis l'opération à la hanche un mollet est devenu tendu et enflé, il est chaud, l'autre est normal
F:{who} a le mollet du côté opéré rouge, enflé et douloureux quand on le presse
mon tibia pis mon mollet du côté opéré sont d'un rouge foncé, chauds pis lourds
""",
    "wound-infection": """
il sort un liquide verdâtre du bas de mon incision pis ça élance
F:{who} a des points croûtés pis mouillés, la peau autour est chaude, et il grelotte
je frissonne, le thermomètre dit 38,8 pis la peau autour des points est chaude
le pansement sent mauvais quand je le change pis les bords de la plaie s'ouvrent
j'ai tracé le tour de la rougeur hier près de ma plaie pis aujourd'hui ça dépasse la ligne, j'ai chaud
""",
    "sudden-injury": """
quelque chose a fait twang derrière ma cuisse pendant {x} pis je peux plus marcher dessus
mon genou a fait un gros pop en descendant la marche pis il a gonflé comme un ballon
F:{who} a senti l'arrière de la cheville lâcher sur le saut, y peut plus monter sur la pointe
mon épaule s'est déboîtée en levant le bras au-dessus de la tête pis elle reste coincée
""",
    "fall-or-dizzy-spell": """
j'ai basculé pendant l'exercice d'équilibre pis j'ai atterri sur le divan, pas de mal
quand je me suis retourné dans le lit le plafond s'est mis à tourner un bout, c'est calmé
j'ai glissé sur une flaque dans la cuisine pis je me suis relevée toute seule, rien me fait mal
le cœur m'a débattu pis j'ai eu la tête légère dans la douche après la séance, c'est passé
F:{who} a manqué la dernière marche pis s'est retrouvé assis par terre, pas blessé
""",
    "night-pain-weight-loss": """
je marche dans la maison à 3 h du matin presque toutes les nuits avec ce mal de dos, pis la balance dit que j'ai maigri sans essayer
j'ai pu d'appétit, j'ai perdu du poids pis la douleur est là jour et nuit même couché
""",
    "pain-model-breach": """
depuis les nouvelles montées de marche ma hanche reste à 6 sur 10 au lieu de mon 3 habituel, ça fait deux jours
mon épaule a flambé après l'élastique plus fort pis c'était encore pire le lendemain
""",
}

LOOK_ALIKES: dict[str, str] = {
    "chest-pain": """
j'ai le cœur gros depuis le départ de ma petite-fille
j'avais le cœur dans la gorge pendant les tirs de barrage
F:{who} a fait un infarctus en 2018 pis fait la réadaptation cardiaque, y va super bien
un bel étirement dans la poitrine pendant l'étirement dans le cadre de porte, ça fait du bien
j'ai mis la main sur le cœur pis j'ai promis de faire mes exercices
mon cœur était pas là aujourd'hui mais j'ai fait {x} pareil
ça me fend le cœur que la piscine ferme cet été
j'ai une commode à déménager, est-ce que je peux la lever avec mon dos?
""",
    "breathing": """
je manque de souffle à force de rire du chien qui court après sa queue
je peux faire {x} si j'ai le nez bouché par un rhume? je respire bien
un peu essoufflé dans la côte mais je parlais normalement en haut
j'ai manqué d'air à force de rire des blagues de mon petit-fils
le paysage au bord du lac m'a coupé le souffle
j'expire en montant pendant {x}?
je prends mon souffle après une grosse semaine, enfin une journée tranquille
""",
    "fainting": """
la vidéo gèle au milieu de l'exercice
j'ai dormi comme une bûche hier, couchée à 21 h
j'ai failli tomber sur le dos en riant de mon chum qui essayait {x}
tout est devenu noir pendant la panne d'électricité hier, on a sorti les chandelles
j'ai eu un blanc sur le nom du troisième exercice
""",
    "stroke": """
mon mari parle comme s'il était saoul quand il est trop fatigué lol, il va bien
F:{who} mâche ses mots quand elle est fatiguée, depuis toujours, le médecin le sait
F:{who} a fait un AVC en 2016 pis y promène le chien tous les jours
j'ai pas de mots pour vous remercier
je me suis enfargé dans mes mots pendant le toast au party lol
j'ai la face gelée par la piqûre du dentiste, ça va passer
mon sourire est croche sur toutes les photos, depuis toujours
""",
    "cauda-equina": """
j'ai la jambe engourdie si je reste assise longtemps sur le banc dur, ça passe debout
les nouvelles pilules pour l'eau me font courir aux toilettes, c'est correct avec les exercices?
j'ai les fesses engourdies après la longue route chez ma sœur, c'est correct là
""",
    "fall-injury": """
F:{who} était pas capable de se relever après sa chute il y a deux hivers, c'est pour ça que j'ai le bouton d'alarme
je descends au sol pour les étirements, me relever est lent mais correct
mon petit-fils est tombé de vélo pis s'est éraflé le genou, un pansement pis c'est fini
je suis sorti chercher du lait pis j'ai fait ma marche en même temps
les souliers étaient en solde, j'ai acheté des vrais souliers de marche
mes plans sont tombés à l'eau alors j'ai fait mes exercices
le nouveau sentier, c'est mon coup de foudre de l'automne
ça tombe bien, j'ai congé demain pour faire la séance
F:{who} s'est cassé la hanche il y a des années pis fait du tai-chi deux fois par semaine
""",
    "self-harm": """
mon mari va me tuer si je saute encore une séance haha
je suis morte de rire avec les noms des exercices
ce rhume me tue mais j'ai fait {x}
je me tuerais pour un café après cette séance
j'en peux plus de la pluie cette semaine
je donnerais mon bras droit pour une journée de soleil
""",
    "dvt": """
mes deux chevilles enflent un peu quand il fait chaud, ça dégonfle la nuit
mon mollet est fatigué après la marche mais pas enflé ni chaud
""",
    "wound-infection": """
la cicatrice est pâle pis plate maintenant, tellement mieux
mon rhume me fait moucher en masse mais pas de fièvre
""",
    "sudden-injury": """
mon épaule clique un peu avec l'élastique, pas de douleur
mes hanches font clic en sortant de l'auto, c'est de même depuis des années
""",
    "fall-or-dizzy-spell": """
le cours de spinning au gym a l'air le fun, je peux essayer?
les enfants m'ont étourdie dans le manège lol
tous ces rendez-vous me font tourner la tête, quelle semaine
""",
    "said-fine": """
mes pieds me tuent dans mes nouveaux souliers
j'ai failli faire une crise cardiaque quand l'alarme de feu a sonné, c'était juste les rôties
je suis tombée des nues en voyant le nouveau programme
j'ai le dos au mur avec le travail ce mois-ci, mais les exercices sont faits
j'ai les jambes en spaghetti dans l'escalier après les squats, une bonne brûlure
j'en ai le souffle coupé, ma petite-fille s'est fiancée
je me plie en quatre pour faire les séances lol
ça m'a brisé le cœur de manquer la fête de ma sœur
le vent m'a coupé le souffle sur la plage, c'était frais
j'ai le bras mort parce que j'ai dormi dessus, des fourmis une minute
j'ai échappé mon cell pis l'écran a craqué, pas ma journée
F:{who} s'est coupée en hachant des oignons, un diachylon pis c'est réglé
j'ai les jambes molles quand mes petits-enfants m'ont chanté bonne fête
ça me fait suer, ce formulaire d'assurance
les quadriceps tirent un peu dans l'escalier le lendemain, c'est la bonne sorte de douleur?
mon cœur va bien pis je respire bien, le vélo était super
""",
}

NEGATED: dict[str, str] = {
    "chest-pain": """
j'avais la poitrine gonflée de fierté à la graduation de ma fille
le kettlebell pesait comme une enclume au début mais je suis plus forte
F:{who} est allé à l'urgence pour une douleur au torse en 2019, c'était un muscle étiré
aucun serrement dans la poitrine pendant la marche aujourd'hui
""",
    "self-harm": """
le moral est bas mais j'ai aucune idée de me faire du mal
""",
}
