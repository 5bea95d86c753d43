/*
 * The scenario language of tpc (.tps files). docs/scenarios.md describes it by example.
 *
 * Every decision of this grammar is LL(1): a syntax error is always reported at the token that
 * cannot continue, with the tokens that could. Words are keywords only where the grammar needs
 * them to tell items apart; everywhere a name is expected (`ident`) a keyword is a name too, so
 * that fields such as `event` and calls such as `exit` need no quoting. Names, numbers and
 * strings are checked after parsing, where a mistake can be explained (closest name, range).
 * Nothing here recurses: the nesting of a file is bounded by the grammar itself.
 */
grammar Tps;

file         : policyLine* scenario* EOF ;

policyLine   : POLICY STRING+ ;

scenario     : SCENARIO STRING LBRACE scenarioItem* RBRACE ;
scenarioItem : policyLine | modeLine | requirement | archLine | setup | step ;
modeLine     : MODE ident ;
requirement  : REQUIRES ident (compareOp version)? ;
version      : VERSION | NUMBER ;
archLine     : ARCH ident ;

setup        : SETUP LBRACE setupItem* RBRACE ;
setupItem    : fileDecl | copyDecl | envDecl | userDecl | groupDecl | workdirDecl ;
fileDecl     : FILE STRING fileOption* ;
fileOption   : MODE integer | CONTENT (STRING | bytesValue) ;
copyDecl     : COPY STRING AS STRING ;
envDecl      : ENV ident ASSIGN STRING ;
userDecl     : USER (integer | STRING) ;
groupDecl    : GROUP (integer | STRING) ;
workdirDecl  : WORKDIR STRING ;

step         : STEP STRING LBRACE stepItem* RBRACE ;
stepItem     : run | call | expectation | within ;
run          : RUN SHELL? STRING+ ;
// `call fd = openat(...)`: the first name is the binding when `=` follows it, else the call
call         : CALL ident (ASSIGN ident)? LPAREN (arg (COMMA arg)*)? RPAREN ;
arg          : intAtom (PIPE intAtom)*                                 # intArg
             | STRING                                                  # stringArg
             | BUFFER LPAREN integer RPAREN                            # bufferArg
             | bytesValue                                              # bytesArg
             | INET LPAREN STRING COMMA integer RPAREN                 # inetArg
             | UNIX LPAREN STRING RPAREN                               # unixArg
             | LBRACK (STRING (COMMA STRING)*)? RBRACK                 # arrayArg
             ;
intAtom      : integer | ident ;
bytesValue   : BYTES LPAREN (integer (COMMA integer)*)? RPAREN ;
within       : WITHIN NUMBER ;

expectation  : EXPECT expected ;
expected     : OK                                                      # expectOk
             | ERRNO ident                                             # expectErrno
             | RETURNS integer                                         # expectReturns
             | EXIT integer                                            # expectExit
             | KILLED ident                                            # expectKilled
             | NO? EVENT ident (COUNT integer)? eventBody?             # expectEvent
             ;
eventBody    : LBRACE fieldMatch* RBRACE ;
fieldMatch   : fieldPath (compareOp value | textOp STRING | EXISTS) ;
fieldPath    : ident (DOT ident | LBRACK NUMBER RBRACK)* ;
compareOp    : EQ | NE | LT | LE | GT | GE ;
textOp       : STARTSWITH | ENDSWITH | CONTAINS | MATCHES ;
value        : STRING | integer | TRUE | FALSE ;

integer      : MINUS? NUMBER ;

// a name; every keyword but the argument constructors (buffer, bytes, inet, unix) is one too
ident        : ID | POLICY | SCENARIO | MODE | REQUIRES | ARCH | SETUP | FILE | CONTENT | COPY | AS | ENV
             | USER | GROUP | WORKDIR | STEP | RUN | SHELL | CALL | WITHIN | EXPECT | OK | ERRNO | RETURNS
             | EXIT | KILLED | NO | EVENT | COUNT | STARTSWITH | ENDSWITH | CONTAINS | MATCHES | EXISTS
             | TRUE | FALSE ;

POLICY     : 'policy' ;
SCENARIO   : 'scenario' ;
MODE       : 'mode' ;
REQUIRES   : 'requires' ;
ARCH       : 'arch' ;
SETUP      : 'setup' ;
FILE       : 'file' ;
CONTENT    : 'content' ;
COPY       : 'copy' ;
AS         : 'as' ;
ENV        : 'env' ;
USER       : 'user' ;
GROUP      : 'group' ;
WORKDIR    : 'workdir' ;
STEP       : 'step' ;
RUN        : 'run' ;
SHELL      : 'shell' ;
CALL       : 'call' ;
WITHIN     : 'within' ;
EXPECT     : 'expect' ;
OK         : 'ok' ;
ERRNO      : 'errno' ;
RETURNS    : 'returns' ;
EXIT       : 'exit' ;
KILLED     : 'killed' ;
NO         : 'no' ;
EVENT      : 'event' ;
COUNT      : 'count' ;
STARTSWITH : 'startswith' ;
ENDSWITH   : 'endswith' ;
CONTAINS   : 'contains' ;
MATCHES    : 'matches' ;
EXISTS     : 'exists' ;
TRUE       : 'true' ;
FALSE      : 'false' ;
BUFFER     : 'buffer' ;
BYTES      : 'bytes' ;
INET       : 'inet' ;
UNIX       : 'unix' ;

EQ       : '==' ;
NE       : '!=' ;
LE       : '<=' ;
GE       : '>=' ;
LT       : '<' ;
GT       : '>' ;
ASSIGN   : '=' ;
PIPE     : '|' ;
COMMA    : ',' ;
DOT      : '.' ;
MINUS    : '-' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACE   : '{' ;
RBRACE   : '}' ;
LBRACK   : '[' ;
RBRACK   : ']' ;

ID       : [A-Za-z_] [A-Za-z0-9_]* ;
// 6.1, 5.10.0: a kernel version
VERSION  : [0-9]+ '.' [0-9]+ ('.' [0-9]+)? ;
// 42, 0x2a, 0o52, 052, 0b101010, 1_000, 10s, 500ms: digits and letters, read after parsing
NUMBER   : [0-9] [0-9A-Za-z_]* ;
// double-quoted, on one line; escapes are read (and checked) after parsing
STRING   : '"' (ESCAPE | ~["\\\r\n])* '"' ;
fragment ESCAPE : '\\' ~[\r\n] ;

COMMENT  : '#' ~[\r\n]* -> skip ;
SPACE    : [ \t\r\n\f]+ -> skip ;

// tokens only the error messages use: a string the line ends inside, any other character
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* '\\'? ;
STRAY    : . ;
