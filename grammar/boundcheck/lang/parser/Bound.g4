// The boundcheck language (see README.md and ../shared/LANGUAGE.md).
// Newlines are not significant: a chain step starts with its relation, a rule list with `by`.
grammar Bound;

file : theoryDecl? item* EOF ;

// `samples N`: this theory's steps use at most N numeric instances (networks are expensive to run);
// the command line's --samples still applies when it is smaller.
theoryDecl : THEORY name=ID label=STRING? (SAMPLES cap=NUMBER)? ;

item
  : varDecl | letDecl | vecDecl | matDecl | funDecl | seqDecl
  | assumeDecl | lemmaDecl | claimDecl | composeDecl | sectionDecl | notationDecl
  ;

// A heading: every item after it, up to the next heading, belongs to this section of the paper.
sectionDecl : SECTION title=STRING ;

// How a declared name prints in LaTeX: `latex S "\mathcal{S}"` (the string is LaTeX, taken as written).
notationDecl : LATEX ID STRING ;

// ---- declarations -------------------------------------------------------------
varDecl  : VAR ID (COMMA ID)* COLON domain ;
domain
  : kind=ID (IN interval)?                       # kindDomain
  | kind=ID IN lo=expr DOTDOT hi=expr            # rangeDomain
  ;
interval : open=(LPAREN | LBRACK) lo=expr COMMA hi=expr close=(RPAREN | RBRACK) ;

letDecl  : LET ID (LPAREN ID (COMMA ID)* RPAREN)? EQ expr ;

vecDecl  : VEC family (COMMA family)* COLON space=ID CARET dim=dimExpr ;
matDecl  : MAT family (COMMA family)* COLON space=ID CARET LPAREN rows=expr COMMA cols=expr RPAREN ;
family   : ID (LBRACK index=ID RBRACK)? ;
dimExpr  : ID | NUMBER | LPAREN expr RPAREN ;

funDecl  : FUN ID COLON funProp (COMMA funProp)* (SAMPLE sample=ID)? ;
funProp  : ID (interval | expr)? ;

seqDecl  : SEQ ID LBRACK index=expr RBRACK EQ expr ;

// ---- assumptions, lemmas, claims ---------------------------------------------
assumeDecl : ASSUME ID STRING? COLON statement (COMMA statement)* ;

lemmaDecl
  : kw=(LEMMA | THEOREM) ID STRING? expectRefuted? COLON expectRefuted?
    whereClause?
    (citation statement | statement proof?)
  ;
citation : CITE STRING ;
whereClause : WHERE relation (COMMA relation)* ;

claimDecl : CLAIM ID STRING? expectRefuted? COLON whereClause? claimBody expectRefuted? ;
claimBody
  : expr IN interval                                                   # intervalClaim
  | expr APPROX expr WITHIN expr                                       # approxClaim
  | statement                                                          # relationClaim
  ;

statement : (FORALL binder COLON)* relation ;
binder    : ID op=(GE | GT) expr ;
relation  : expr rel expr ;
rel       : LE | LT | GE | GT | EQ | NE | APPROX ;

proof
  : PROOF chain QED                                                    # directProof
  | PROOF BY INDUCTION ID BASE COLON base=chain STEP COLON step=chain QED  # inductionProof
  ;
chain : expr chainStep+ ;
chainStep : rel expr (BY ruleRef (COMMA ruleRef)*)? expectRefuted? ;
ruleRef : (ID | LIMIT) ID? ;
expectRefuted : EXPECT REFUTED ;

// Composition: the closed form of an expression built from definitions (lets), simplified by the
// CAS, optionally compared with the form the paper states (`paper`), and its growth in a variable.
composeDecl
  : COMPOSE ID STRING? expectRefuted? COLON whereClause? composed=expr
    (PAPER paper=expr)? (GROWTH IN growthVar=ID)? expectRefuted?
  ;

// ---- expressions ----------------------------------------------------------------
// Big operators (sum, prod, max, min over a range; limit) take a body that extends over
// products but stops at + and -: `sum(j = 0..t-1) (j+1) * beta^j + 1` adds 1 once.
expr
  : <assoc=right> expr CARET expr                   # powExpr
  | (MINUS | PLUS) expr                             # unaryExpr
  | expr op=(STAR | SLASH | HADAMARD) expr          # mulExpr
  | bigOp expr                                      # bigOpExpr
  | expr op=(PLUS | MINUS) expr                     # addExpr
  | primary                                         # primaryExpr
  ;
bigOp
  : aggKind=(SUM | PROD | MAX | MIN) LPAREN ID EQ lo=expr DOTDOT hi=expr
      (COMMA ID NE excl=expr)? RPAREN                                # aggregateOp
  | LIMIT LPAREN ID ARROW target=expr RPAREN                         # limitOp
  ;

primary
  : NUMBER                                                           # numberLit
  | INF                                                              # infLit
  | primary LBRACK expr RBRACK                                       # indexExpr
  | fn=(MAX | MIN) LPAREN expr (COMMA expr)+ RPAREN                 # minMaxCall
  | ID LPAREN expr (COMMA expr)* RPAREN                              # call
  | ID                                                               # name
  | LPAREN expr RPAREN                                               # paren
  | NORMBAR expr NORMBAR normSub?                                    # norm
  | BAR expr BAR                                                     # abs
  ;
normSub : NORM_SUB ;

// ---- lexer ------------------------------------------------------------------------
THEORY : 'theory' ; VAR : 'var' ; VEC : 'vec' ; MAT : 'mat' ; FUN : 'fun' ; SEQ : 'seq' ;
LET : 'let' ; ASSUME : 'assume' ; LEMMA : 'lemma' ; THEOREM : 'theorem' ; CLAIM : 'claim' ;
PROOF : 'proof' ; QED : 'qed' ; BY : 'by' ; FORALL : 'forall' ; INDUCTION : 'induction' ;
BASE : 'base' ; STEP : 'step' ; EXPECT : 'expect' ; REFUTED : 'refuted' ; CITE : 'cite' ;
WHERE : 'where' ; IN : 'in' ; SAMPLE : 'sample' ; WITHIN : 'within' ; LIMIT : 'limit' ;
SUM : 'sum' ; PROD : 'prod' ; MAX : 'max' ; MIN : 'min' ; INF : 'oo' ;
LATEX : 'latex' ; SECTION : 'section' ; COMPOSE : 'compose' ; SAMPLES : 'samples' ; PAPER : 'paper' ; GROWTH : 'growth' ;

LE : '<=' | '≤' ; GE : '>=' | '≥' ; NE : '!=' | '≠' ; APPROX : '~=' | '≈' ;
LT : '<' ; GT : '>' ; EQ : '=' ; ARROW : '->' ;
NORMBAR : '||' | '‖' ; BAR : '|' ;
NORM_SUB : '_' ( [0-9]+ | 'inf' | 'F' | '{' [ ]* [0-9]+ [ ]* ',' [ ]* [0-9]+ [ ]* '}' ) ;
HADAMARD : '.*' | '⊙' ;
PLUS : '+' ; MINUS : '-' ; STAR : '*' ; SLASH : '/' ; CARET : '^' ;
LPAREN : '(' ; RPAREN : ')' ; LBRACK : '[' ; RBRACK : ']' ;
COMMA : ',' ; COLON : ':' ; DOTDOT : '..' ;

NUMBER : [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)? ;
ID     : [a-zA-Z] [a-zA-Z0-9_]* '\''* ;
STRING : '"' (~["\\\r\n] | '\\' .)* '"' ;

COMMENT : '--' ~[\r\n]* -> skip ;
WS      : [ \t\r\n]+ -> skip ;
ERRCHAR : . ;
