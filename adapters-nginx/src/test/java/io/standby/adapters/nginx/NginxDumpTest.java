package io.standby.adapters.nginx;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NginxDumpTest {

    /** What `nginx -T` prints: the main file, then each included file after its own header, stderr lines between. */
    private static final String DUMP = """
            nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
            nginx: configuration file /etc/nginx/nginx.conf test is successful
            # configuration file /etc/nginx/nginx.conf:
            http {
                include conf.d/*.conf;
                server {
                    listen 80;
                    include /etc/nginx/snippets/app.conf;
                }
            }

            # configuration file /etc/nginx/conf.d/b.conf:
            upstream b { server 127.0.0.1:2; }

            # configuration file /etc/nginx/conf.d/a.conf:
            upstream a { server 127.0.0.1:1; }

            # configuration file /etc/nginx/snippets/app.conf:
            location / { proxy_pass http://a; }
            """;

    @Test
    void anIncludeInsideABlockBringsTheIncludedFilesDirectivesIntoIt() {
        Directive server = ConfigParser.flatten(NginxDump.tree(DUMP))
                .filter(d -> d.name().equals("server") && d.block().isPresent())
                .findFirst().orElseThrow();

        assertThat(server.children()).extracting(Directive::name).containsExactly("listen", "location");
    }

    @Test
    void aRelativeGlobNamesTheFilesBesideTheMainOneInNginxsOrder() {
        List<String> upstreams = ConfigParser.flatten(NginxDump.tree(DUMP)).filter(d -> d.name().equals("upstream"))
                .map(d -> d.arguments().get(0)).toList();

        assertThat(upstreams).containsExactly("a", "b");
    }

    @Test
    void textWithoutFileHeadersIsOneFile() {
        assertThat(NginxDump.tree("http { server { listen 80; } }")).extracting(Directive::name).containsExactly("http");
    }

    @Test
    void aFileThatIncludesItselfEnds() {
        String dump = "# configuration file /etc/nginx/nginx.conf:\nevents { }\ninclude /etc/nginx/nginx.conf;\n";

        assertThat(ConfigParser.flatten(NginxDump.tree(dump)).filter(d -> d.name().equals("events")).count())
                .isGreaterThan(1);
    }
}
