package texts_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/texts"
)

func ExampleClient_Set() {
	srv := iastest.NewServer() // an in-memory tenant; use your tenant's URL instead
	defer srv.Close()
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()
	tx := texts.New(c)
	ctx := context.Background()

	// Set reads the current overrides, merges and uploads the full set.
	if err := tx.Set(ctx, texts.I18NBundle, "de", texts.Texts{"logon.ui.label.user": "E-Mail oder Benutzer"}); err != nil {
		log.Fatal(err)
	}
	if err := tx.Set(ctx, texts.Salutations, "de", texts.Texts{"0003": "Dr."}); err != nil {
		log.Fatal(err)
	}
	de, err := tx.Get(ctx, texts.I18NBundle, "de")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(de["logon.ui.label.user"])
	fr, _ := tx.Get(ctx, texts.I18NBundle, "fr") // no overrides: empty, no error
	fmt.Println(len(fr))
	// Output:
	// E-Mail oder Benutzer
	// 0
}

func ExampleParseProperties() {
	t := texts.ParseProperties("# tenant overrides\r\n" +
		"logon.ui.label.user = E-Mail\r\n" +
		"logon.ui.label.long=first part, \\\n    second part\n" +
		"umlaut=\\u00dcbersicht\n")
	for _, k := range t.Keys() {
		fmt.Printf("%s=%q\n", k, t[k])
	}
	// Output:
	// logon.ui.label.long="first part, second part"
	// logon.ui.label.user="E-Mail"
	// umlaut="Übersicht"
}

func ExampleFormatProperties() {
	fmt.Print(texts.FormatProperties(texts.Texts{
		"b": "two\nlines",
		"a": `<strong>C:\</strong>`,
	}))
	// Output:
	// a=<strong>C:\\</strong>
	// b=two\nlines
}

func ExampleResourceType_Locales() {
	fmt.Println(texts.Countries.Locales())
	fmt.Println(texts.I18NBundle.ValidLocale("es_MX"), texts.Countries.ValidLocale("es_MX"))
	// Output:
	// [zh_CN nl en fr de iw it ja ko pl pt ru es cy sv]
	// true false
}
